package org.syncline.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.persistence.internal.secret.KeyFile;

/** The secret key file: created once, also when several openers create it at the same moment. */
class KeyFileTest {

    private static final int OPENERS = 8;

    @TempDir
    Path folder;

    @Test
    void openersCreatingTheKeyAtOnceAllGetTheKeyThatStays() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(OPENERS);
        try {
            for (int round = 0; round < 200; round++) {
                Path file = folder.resolve("round-" + round).resolve("secret.key");
                CyclicBarrier start = new CyclicBarrier(OPENERS);
                List<Future<SecretKey>> keys = new ArrayList<>();
                for (int i = 0; i < OPENERS; i++) {
                    keys.add(pool.submit(() -> {
                        start.await();
                        return KeyFile.loadOrCreate(file);
                    }));
                }
                Set<String> seen = new HashSet<>();
                for (Future<SecretKey> key : keys) {
                    seen.add(HexFormat.of().formatHex(key.get().getEncoded()));
                }
                seen.add(HexFormat.of().formatHex(KeyFile.loadOrCreate(file).getEncoded()));
                assertEquals(1, seen.size(), "round " + round + ": every opener and a later one read the same key");
                try (var left = Files.list(file.getParent())) {
                    assertEquals(List.of(file), left.toList(), "no temporary file left");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
