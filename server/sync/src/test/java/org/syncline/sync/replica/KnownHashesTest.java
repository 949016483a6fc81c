package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of {@link KnownHashes}, on stamps made up here (the local files' stamps: {@link LocalKnownHashesTest}). */
class KnownHashesTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T = 1_700_000_000L * SECOND;
    private static final String HASH = ContentHash.of("content".getBytes());

    private final AtomicLong wallMillis = new AtomicLong(T / 1_000_000 + 5_000);
    private final KnownHashes known = new KnownHashes(3, wallMillis::get);

    private static KnownHashes.Stamp stamp(long inode, long changeNanos) {
        return new KnownHashes.Stamp(42, inode, changeNanos, 7, T - 10 * SECOND);
    }

    @Test
    void aFileIsKnownWhileItsStampStaysTheSame() {
        KnownHashes.Stamp read = stamp(1, T);
        known.remember(read, read, HASH);

        assertEquals(HASH, known.hashOf(stamp(1, T)));
        assertEquals(HASH, known.hashOf(stamp(1, T)), "asked again");
        assertNull(known.hashOf(stamp(2, T)), "another inode");
        assertNull(known.hashOf(new KnownHashes.Stamp(43, 1, T, 7, T - 10 * SECOND)), "another file system");
    }

    @Test
    void anyChangeToTheStampForgetsTheFileForGood() {
        KnownHashes.Stamp read = stamp(1, T);
        known.remember(read, read, HASH);

        assertNull(known.hashOf(stamp(1, T + 1)), "changed: a new change time");
        assertNull(known.hashOf(read), "the old stamp is not trusted again either");
        assertEquals(0, known.size());

        known.remember(read, read, HASH);
        assertNull(known.hashOf(new KnownHashes.Stamp(42, 1, T, 8, T - 10 * SECOND)), "another size");
        known.remember(read, read, HASH);
        assertNull(known.hashOf(new KnownHashes.Stamp(42, 1, T, 7, T - 9 * SECOND)), "another modification time");
    }

    @Test
    void aFileChangedWhileReadIsNotRemembered() {
        known.remember(stamp(1, T), stamp(1, T + 1), HASH);
        known.remember(stamp(2, T), stamp(3, T), HASH); // the path named another file after the read

        assertEquals(0, known.size());
        assertNull(known.hashOf(stamp(1, T)));
        assertNull(known.hashOf(stamp(1, T + 1)));
    }

    @Test
    void aChangeTimeIsSettledOnlyASecondAfterIt() {
        wallMillis.set(T / 1_000_000);
        assertFalse(known.settled(stamp(1, T)), "changed this very moment: a write in the same tick would keep it");
        wallMillis.set(T / 1_000_000 + 999);
        assertFalse(known.settled(stamp(1, T)));
        wallMillis.set(T / 1_000_000 + 1_000);
        assertTrue(known.settled(stamp(1, T)));
    }

    @Test
    void theOldestNotedAreForgottenFirst() {
        for (long inode = 1; inode <= 3; inode++) {
            known.remember(stamp(inode, T), stamp(inode, T), HASH);
        }
        known.remember(stamp(1, T), stamp(1, T), HASH); // noted again: now the newest

        known.remember(stamp(4, T), stamp(4, T), HASH);

        assertEquals(3, known.size());
        assertNull(known.hashOf(stamp(2, T)), "the oldest");
        assertEquals(HASH, known.hashOf(stamp(1, T)));
        assertEquals(HASH, known.hashOf(stamp(3, T)));
        assertEquals(HASH, known.hashOf(stamp(4, T)));
    }

    @Test
    void noRoomRemembersNothingAndNoHashOfOursIsIgnored() {
        KnownHashes none = new KnownHashes(0, wallMillis::get);
        assertFalse(none.settled(stamp(1, T)));
        none.remember(stamp(1, T), stamp(1, T), HASH);
        assertNull(none.hashOf(stamp(1, T)));

        known.remember(stamp(1, T), stamp(1, T), "not a hash");
        known.remember(stamp(2, T), stamp(2, T), "0123");
        assertEquals(0, known.size());
    }

    @Test
    void aHashWithLeadingZerosComesBackAsWritten() {
        String small = "000000000000abcd";
        known.remember(stamp(1, T), stamp(1, T), small);
        assertEquals(small, known.hashOf(stamp(1, T)));
    }
}
