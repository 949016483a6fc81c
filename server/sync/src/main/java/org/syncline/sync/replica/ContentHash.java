package org.syncline.sync.replica;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hashing;

import java.io.IOException;
import java.io.InputStream;

/**
 * The content hash Syncline uses to verify transfers: XXH3-64, written as 16 lower-case hex
 * digits. It detects corruption and torn writes; it is not meant to resist an attacker (transport
 * security is the agent's job). Instances are not thread-safe; create one per stream.
 */
public final class ContentHash {

    private final HashStream64 stream = Hashing.xxh3_64().hashStream();

    /** Adds bytes to the hash. */
    public void update(byte[] bytes, int offset, int length) {
        stream.putBytes(bytes, offset, length);
    }

    /** The hash of everything added so far, as hex. */
    public String hex() {
        return format(stream.getAsLong());
    }

    /** The hash of a whole byte array. */
    public static String of(byte[] bytes) {
        return format(Hashing.xxh3_64().hashBytesToLong(bytes));
    }

    /** Reads the stream to its end (without closing it) and returns the hash of what it read. */
    public static String of(InputStream in) throws IOException {
        ContentHash hash = new ContentHash();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            hash.update(buffer, 0, n);
        }
        return hash.hex();
    }

    /** A hash value as {@link #hex()} writes it. */
    static String format(long value) {
        String hex = Long.toHexString(value);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
