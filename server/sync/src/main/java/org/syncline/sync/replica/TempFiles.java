package org.syncline.sync.replica;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The temporary files of {@link LocalReplica}s (copies being written, probes of a volume) and which
 * of those found in a folder may be removed. Each name carries its writer: {@code
 * .syncline-tmp-<host>-<pid>-<random>}, the host as a checksum of its name. A folder can be written
 * by several runs at once (jobs of one engine, a job whose target lies inside another job's folder,
 * another computer writing to the same share), so a temporary file is removed only when its writer
 * is known to be gone: a process of this computer that no longer runs, or, for another computer's,
 * when it has not changed for a day. This process's own are tracked while they are written.
 * Other names with the reserved prefix are never listed and never removed.
 */
final class TempFiles {

    /** How long another computer's temporary file is left alone after its last change. */
    static final Duration FOREIGN_AGE = Duration.ofDays(1);

    /**
     * This computer, by the kernel's host name (not {@code HOSTNAME}, which a shell may set
     * differently from a service's environment) or, on Windows, {@code COMPUTERNAME}.
     */
    private static final String HOST = hostTag(LocalReplica.machineName(
            Map.of("COMPUTERNAME", System.getenv().getOrDefault("COMPUTERNAME", "")), Path.of("/proc/sys/kernel/hostname")));
    private static final long PID = ProcessHandle.current().pid();
    private static final Pattern OURS = Pattern.compile(Pattern.quote(Replica.TEMP_PREFIX) + "([0-9a-f]{8})-([0-9]{1,19})-.+");
    /** Names made before they carried their writer. */
    private static final Pattern UNOWNED = Pattern.compile(Pattern.quote(Replica.TEMP_PREFIX) + "[0-9a-f]{1,16}");

    /** The temporary files this process is writing, in any replica. */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    /** What a name with the reserved prefix found in a folder is. */
    enum Found {
        /** No temporary file: an entry like any other. */
        NOT_TEMPORARY,
        /** Written now, or perhaps (another computer's, or a name this process does not know): hidden, left alone. */
        IN_USE,
        /** Left behind by a writer that is gone: hidden, and removed. */
        LEFT_OVER
    }

    private TempFiles() {
    }

    /** A new name for a temporary file of this process; {@code kind} says what it is for (empty for a copy). */
    static String newName(String kind) {
        return Replica.TEMP_PREFIX + HOST + "-" + PID + "-" + kind + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** The tag of this computer in the names. */
    static String thisHost() {
        return HOST;
    }

    /** Marks {@code file} as being written by this process until {@link #done}. */
    static void writing(Path file) {
        WRITING.add(file);
    }

    /** {@code file} is no longer written (renamed into place, or deleted). */
    static void done(Path file) {
        WRITING.remove(file);
    }

    /** What the entry {@code file} of a listed folder is. */
    static Found classify(Path file) {
        return classify(file, WRITING, HOST, PID, pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                Instant.now());
    }

    /** {@link #classify(Path)} for a given process and computer (tests). */
    static Found classify(Path file, Set<Path> writing, String host, long pid, java.util.function.LongPredicate running,
                          Instant now) {
        String name = file.getFileName().toString();
        if (!name.startsWith(Replica.TEMP_PREFIX)) {
            return Found.NOT_TEMPORARY;
        }
        if (writing.contains(file)) {
            return Found.IN_USE;
        }
        if (UNOWNED.matcher(name).matches()) {
            return Found.LEFT_OVER;
        }
        Matcher owner = OURS.matcher(name);
        if (!owner.matches()) {
            return Found.IN_USE;
        }
        if (!owner.group(1).equals(host)) {
            return unchangedFor(file, FOREIGN_AGE, now) ? Found.LEFT_OVER : Found.IN_USE;
        }
        long writer;
        try {
            writer = Long.parseLong(owner.group(2));
        } catch (NumberFormatException e) {
            return Found.IN_USE;
        }
        return writer != pid && running.test(writer) ? Found.IN_USE : Found.LEFT_OVER;
    }

    /** Whether the file's status (content, times, permissions) has not changed for {@code age}. */
    private static boolean unchangedFor(Path file, Duration age, Instant now) {
        try {
            Map<String, Object> times = Files.readAttributes(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
            return ((FileTime) times.get("ctime")).toInstant().isBefore(now.minus(age));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            try {
                return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(now.minus(age));
            } catch (IOException notThere) {
                return false;
            }
        }
    }

    /** Eight hex digits naming a computer. */
    static String hostTag(String machineName) {
        CRC32 checksum = new CRC32();
        checksum.update(machineName.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", checksum.getValue());
    }
}
