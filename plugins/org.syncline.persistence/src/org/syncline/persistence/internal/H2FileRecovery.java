package org.syncline.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings back the last commits of an embedded H2 file whose process did not close it (killed, power
 * cut), which H2's own open can leave behind.
 *
 * <p>H2 (2.x, MVStore) writes every commit as a chunk, into free space between older chunks unless
 * told otherwise, and rewrites the file's header only now and then. Opening a file that was not
 * closed, it looks for the newest chunk only along a trail: the chunk the header names, each chunk's
 * prediction of where the next one goes, the chunk at the file's end; it takes the newest
 * consistent chunk found there and does not search the rest of the file. A chunk written into free
 * space off that trail is then not found (the exact sequence was not traced). Measured with H2
 * alone ({@code bench/h2-kill-recovery}, bench/README.md): 15 of 570 processes killed while writing
 * came back without a commit they had forced to the disk before; rebuilt after each of its writes,
 * a file whose free space H2 reuses at once came back without its last commit after about a third
 * of them ({@code H2FileRecoveryTest}). H2's recovery mode, which reads every block of the file for
 * chunks, found the lost commits every time.
 *
 * <p>So, before a file that was not closed is opened, it is opened twice without writing, as H2
 * would open it and in recovery mode, and only when recovery mode finds a newer state that still
 * names every table the ordinary open shows is the file opened in recovery mode for writing and
 * closed again, which makes that state the file's newest. Recovery mode takes a page it cannot read
 * for an empty one; the comparison is the guard against that, and when in doubt H2's own open is
 * kept. Nothing is done when the file was closed, when another process has it open (it checked the
 * file when it opened it), when the file cannot be read (H2's own open then says what is wrong) or
 * written (a warning says so).
 */
public final class H2FileRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileRecovery.class);

    /** H2's block size: the file starts with two copies of its header, one per block. */
    private static final int BLOCK = 4096;

    /** What {@link #recoverIfNotClosed} did. */
    public enum Outcome {
        /** No file, or one whose header says it was closed. */
        CLOSED,
        /** Not closed, and H2's own open finds its newest state. */
        NEWEST_FOUND_BY_H2,
        /** Not closed, and brought back to the newer state H2's own open would have missed. */
        RECOVERED,
        /** Left to H2's own open: another process has the file open, or it could not be read. */
        LEFT_TO_H2
    }

    private H2FileRecovery() {
    }

    /**
     * The file of an H2 database URL's path ({@code jdbc:h2:file:PATH;...} without options): H2
     * adds {@code .mv.db} and reads a leading {@code ~} as the home folder.
     */
    public static Path fileOf(String databasePath) {
        String path = databasePath.startsWith("~") ? System.getProperty("user.home") + databasePath.substring(1) : databasePath;
        return Path.of(path + ".mv.db");
    }

    /** Recovers {@code file} (an H2 {@code .mv.db} file) if its last process did not close it. */
    public static Outcome recoverIfNotClosed(Path file) {
        if (closed(file)) {
            return Outcome.CLOSED;
        }
        String name = file.toString();
        long started = System.nanoTime();
        try {
            State asH2Opens = read(name, false);
            State scanned = read(name, true);
            if (scanned.version <= asH2Opens.version) {
                LOG.info("The database file {} was not closed (its process was killed or the machine stopped); H2's own"
                        + " recovery finds its last commits (version {}; checked in {} ms).", file, asH2Opens.version,
                        millisSince(started));
                return Outcome.NEWEST_FOUND_BY_H2;
            }
            if (!scanned.maps.containsAll(asH2Opens.maps)) {
                LOG.warn("The database file {} was not closed. Reading all of it found a newer state (version {}) than H2's own"
                        + " recovery (version {}), but without some of its tables: H2's own recovery is kept.", file,
                        scanned.version, asH2Opens.version);
                return Outcome.LEFT_TO_H2;
            }
            if (!Files.isWritable(file)) {
                LOG.warn("The database file {} was not closed, and reading all of it found commits H2's own recovery misses"
                        + " (up to version {}, H2 would open version {}), but this process may not write the file: it is"
                        + " opened as H2 recovers it. Open it once from an account that may write it to keep them.", file,
                        scanned.version, asH2Opens.version);
                return Outcome.LEFT_TO_H2;
            }
            MVStore store = new MVStore.Builder().fileName(name).recoveryMode().autoCommitDisabled().open();
            long recovered = store.getCurrentVersion();
            try {
                store.close();
            } catch (MVStoreException e) {
                store.closeImmediately();
                throw e;
            }
            LOG.warn("The database file {} was not closed (its process was killed or the machine stopped). H2 would have"
                    + " opened it as of version {}; reading all of it found its last commits up to version {}, which are kept"
                    + " (in {} ms).", file, asH2Opens.version, recovered, millisSince(started));
            return Outcome.RECOVERED;
        } catch (MVStoreException e) {
            if (e.getErrorCode() != DataUtils.ERROR_FILE_LOCKED) {
                LOG.warn("The database file {} was not closed and could not be checked for commits H2's own recovery misses"
                        + " ({}); H2 recovers it as it does.", file, e.getMessage());
            }
            return Outcome.LEFT_TO_H2;
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /** The newest version of an H2 file opened read-only, with H2's ordinary open or its recovery mode. */
    private static State read(String file, boolean recoveryMode) {
        MVStore.Builder builder = new MVStore.Builder().fileName(file).readOnly();
        MVStore store = (recoveryMode ? builder.recoveryMode() : builder).open();
        try {
            return new State(store.getCurrentVersion(), store.getMapNames());
        } finally {
            store.closeImmediately();
        }
    }

    private record State(long version, Set<String> maps) {
    }

    /**
     * Whether both copies of the file's header say it was closed, at the same version. A file that
     * cannot be read counts as closed: H2's own open reports it.
     */
    static boolean closed(Path file) {
        byte[] headers = new byte[2 * BLOCK];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(headers, 0, headers.length) < headers.length) {
                return true;
            }
        } catch (IOException e) {
            return true;
        }
        Map<String, String> first = header(headers, 0);
        Map<String, String> second = header(headers, BLOCK);
        return "1".equals(first.get("clean")) && "1".equals(second.get("clean"))
                && first.get("version") != null && first.get("version").equals(second.get("version"));
    }

    /** A header block: one line of {@code key:value} pairs separated by commas. */
    private static Map<String, String> header(byte[] headers, int offset) {
        int end = offset;
        while (end < offset + BLOCK && headers[end] != '\n' && headers[end] != 0) {
            end++;
        }
        try {
            return DataUtils.parseMap(new String(headers, offset, end - offset, StandardCharsets.ISO_8859_1));
        } catch (MVStoreException e) {
            return Map.of();
        }
    }
}
