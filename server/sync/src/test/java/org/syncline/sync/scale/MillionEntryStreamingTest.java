package org.syncline.sync.scale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scanning, reconciling, saving and reading the state stream: a job over two replicas of a
 * million files each, whose trees are computed on demand ({@link SyntheticReplica}), runs in a
 * child JVM whose heap ({@value #HEAP}, about twice what it needs) is far too small to hold a list
 * or map of every entry, every state or every action (each of those needs hundreds of megabytes at
 * this size; keeping only the state changes in memory runs out of heap). It must complete with the right counts: two runs on identical trees (the first saves the state of every
 * path, the second finds each path unchanged against it and writes nothing) and a preview that
 * finds every deletion and every newer file on the second tree against the saved state.
 */
class MillionEntryStreamingTest {

    private static final String HEAP = "-Xmx32m";
    private static final int FOLDERS = 1000;
    private static final int FILES_PER_FOLDER = 1000;

    @TempDir
    Path temp;

    @Test
    void aMillionFileJobRunsAndPreviewsInASmallFixedHeap() throws Exception {
        Map<String, Long> seen = runChild();
        long files = (long) FOLDERS * FILES_PER_FOLDER;
        long entries = FOLDERS + files;

        assertEquals(2 * entries, seen.get("first.scanned"));
        assertEquals(0, seen.get("first.actions"), "identical trees: nothing to do");
        assertEquals(0, seen.get("first.errors"));
        assertEquals(0, seen.get("first.journal"), "the first state is a whole snapshot");
        assertEquals(2 * entries, seen.get("again.scanned"));
        assertEquals(0, seen.get("again.actions"));
        assertEquals(seen.get("first.snapshotBytes"), seen.get("again.snapshotBytes"));
        assertEquals(seen.get("first.snapshotModified"), seen.get("again.snapshotModified"),
                "every path matched its saved state: nothing was written");
        assertEquals(0, seen.get("again.journal"));

        long missing = LongStream.range(0, files).filter(n -> n % 7 == 0).count();
        long newer = LongStream.range(0, files).filter(n -> n % 11 == 0 && n % 7 != 0).count();
        assertEquals(2 * entries - missing, seen.get("preview.scanned"));
        assertEquals(missing, seen.get("preview.delete"), "each file gone from b is deleted from a: its base was found");
        assertEquals(newer, seen.get("preview.copy"), "each newer file on b goes to a");
        assertEquals(missing + newer, seen.get("preview.planned"), "every planned action reached the sink");
        assertEquals(0, seen.get("preview.kept"), "a preview keeps no actions");
    }

    private Map<String, Long> runChild() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, HEAP, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                MillionEntryRuns.class.getName(), temp.resolve("state").toString(), String.valueOf(FOLDERS),
                String.valueOf(FILES_PER_FOLDER))
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.out").toFile())
                .start();
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
        }
        String output = Files.readString(temp.resolve("child.out"), StandardCharsets.UTF_8);
        assertTrue(!child.isAlive(), "the child did not end within 10 minutes:\n" + output);
        assertEquals(0, child.exitValue(), "the child failed (3: out of memory with " + HEAP + "):\n" + output);
        Map<String, Long> seen = new HashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0 && line.substring(equals + 1).matches("-?\\d+")) {
                seen.put(line.substring(0, equals), Long.parseLong(line.substring(equals + 1)));
            }
        }
        return seen;
    }
}
