package org.syncline.sync.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.sync.cli.SyncCommand;
import org.syncline.sync.replica.ContentHash;
import org.syncline.sync.replica.Replica;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code syncline sync} in a child JVM and kills it with SIGKILL at random moments, again and
 * again while the source keeps changing. After every kill each destination file must hold exactly
 * one version that the source once had (old or new, never a mix or a truncation); in the end a
 * normal run completes the mirror with nothing lost and no temporary file left.
 */
class KillDuringCopyFaultTest {

    private static final int KILLS = 22;
    private static final int FILES = 60;

    @TempDir
    Path temp;

    private final Random random = new Random(20251124);
    private final Map<String, Set<String>> versions = new HashMap<>();

    @Test
    void everyFileIsOldOrNewAfterSigkillAndARerunCompletes() throws Exception {
        Path source = Files.createDirectories(temp.resolve("source"));
        Path target = Files.createDirectories(temp.resolve("target"));
        for (int i = 0; i < FILES; i++) {
            String path = (i % 3 == 0 ? "sub/" : "") + "file-" + i + ".bin";
            writeVersion(target, path);
            writeVersion(source, path);
        }
        int killedWhileCopying = 0;
        for (int round = 0; killedWhileCopying < KILLS && round < 4 * KILLS; round++) {
            for (int i = 0; i < FILES; i++) {
                if (random.nextInt(3) == 0) {
                    writeVersion(source, (i % 3 == 0 ? "sub/" : "") + "file-" + i + ".bin");
                }
            }
            Process child = startSync(source, target);
            boolean ended = child.waitFor(150 + random.nextInt(800), TimeUnit.MILLISECONDS);
            if (!ended) {
                child.destroyForcibly();
                child.waitFor();
                killedWhileCopying++;
            }
            assertEveryFileIsAKnownVersion(target);
        }
        assertTrue(killedWhileCopying >= KILLS, "killed only " + killedWhileCopying + " times");
        Process last = startSync(source, target);
        assertTrue(last.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, last.exitValue());
        assertEquals(hashes(source), hashes(target), "the re-run completes the mirror");
        try (Stream<Path> all = Files.walk(target)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith(Replica.TEMP_PREFIX)),
                    "no temporary file is left");
        }
    }

    private Process startSync(Path source, Path target) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                SyncCommand.class.getName(),
                source.toString(), target.toString(), "--state-dir", temp.resolve("state").toString(),
                "--retries", "0", "--parallel", "2")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private void writeVersion(Path root, String path) throws IOException {
        int size = random.nextInt(5) == 0 ? 2_000_000 + random.nextInt(4_000_000) : 1 + random.nextInt(60_000);
        byte[] content = new byte[size];
        random.nextBytes(content);
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L + random.nextInt(1_000_000_000)));
        versions.computeIfAbsent(path, p -> new HashSet<>()).add(ContentHash.of(content));
    }

    private void assertEveryFileIsAKnownVersion(Path target) throws IOException {
        for (Map.Entry<String, String> file : hashes(target).entrySet()) {
            Set<String> known = versions.get(file.getKey());
            assertTrue(known != null && known.contains(file.getValue()),
                    file.getKey() + " holds content the source never had: a partial or mixed write");
        }
    }

    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> files = all.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(Replica.TEMP_PREFIX)).toList();
            for (Path file : files) {
                hashes.put(root.relativize(file).toString(), ContentHash.of(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }
}
