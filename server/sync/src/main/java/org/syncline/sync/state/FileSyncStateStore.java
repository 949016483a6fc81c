package org.syncline.sync.state;

import org.syncline.sync.replica.EntryType;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;

/**
 * <b>Interim</b> {@link SyncStateStore} for the stand-alone command until the database adapter
 * exists, never inside a synced tree. Per job, in {@code <stateDir>/.syncline/}:
 * <ul>
 *   <li>{@code <jobId>.state}, a snapshot: UTF-8, first line {@value #HEADER}, then one entry per
 *       line, tab-separated: {@code replica-id, F|D, size, mtime, hash or -, path} (tabs, newlines
 *       and backslashes escaped with a backslash). Written to a temporary file, forced and renamed
 *       over the old one, so it is always whole;</li>
 *   <li>{@code <jobId>.journal}, the changes saved since that snapshot: an append-only list of
 *       <em>commits</em>, each some {@code P} (put) and {@code R} (remove) lines and a closing
 *       {@code C} line; every line starts with the CRC32C of the rest of the line.</li>
 * </ul>
 * The snapshot's first line also carries a random token, and the journal's first line the token of
 * the snapshot it extends; a journal with another token is ignored.
 * {@link #save} writes only the difference to what this instance last loaded or saved for the job:
 * nothing at all when the state did not change, else one commit appended and forced. A crash while
 * appending leaves a torn or unclosed last commit, which {@link #load} ignores (and the next save
 * cuts off): each save is atomic. When the journal grows past half the snapshot (or this instance
 * does not know the saved state), the whole state is written as a new snapshot and the journal is
 * deleted afterwards; a crash in between leaves a journal whose token no longer matches.
 *
 * <p>One process at a time per job (the command holds a lock file); not thread-safe.
 */
public final class FileSyncStateStore implements SyncStateStore {

    private static final String HEADER = "syncline-state 1";
    private static final String JOURNAL_HEADER = "syncline-journal 1";
    /** Entries below which a snapshot is always rewritten rather than journaled. */
    private static final int MIN_JOURNAL_BASE = 64;

    private final Path folder;
    /** Per job, what is on disk (snapshot plus committed journal) as far as this instance knows. */
    private final Map<String, Known> known = new HashMap<>();

    private static final class Known {
        final SyncState state;
        long snapshotEntries;
        long journalEntries;
        /** Length of the journal's valid part (header and whole commits); 0: no journal file. */
        long journalLength;
        /** The snapshot's token; a journal belongs to the snapshot whose token its header names. */
        final String token;

        Known(SyncState state, String token, long snapshotEntries, long journalEntries, long journalLength) {
            this.state = state;
            this.token = token;
            this.snapshotEntries = snapshotEntries;
            this.journalEntries = journalEntries;
            this.journalLength = journalLength;
        }
    }

    public FileSyncStateStore(Path stateDir) {
        this.folder = stateDir.resolve(".syncline");
    }

    /** The file holding a job's state snapshot. */
    public Path fileOf(String jobId) {
        return folder.resolve(safeName(jobId) + ".state");
    }

    /** The file holding the changes saved since the snapshot. */
    public Path journalOf(String jobId) {
        return folder.resolve(safeName(jobId) + ".journal");
    }

    @Override
    public SyncState load(String jobId) throws IOException {
        SyncState state = new SyncState();
        String[] token = new String[1];
        long snapshotEntries = readSnapshot(fileOf(jobId), state, token);
        long[] journal = token[0] == null ? new long[] {0, 0} : replayJournal(journalOf(jobId), token[0], state);
        known.put(jobId, new Known(copy(state), token[0], snapshotEntries, journal[0], journal[1]));
        return state;
    }

    @Override
    public void save(String jobId, SyncState state) throws IOException {
        Known last = known.get(jobId);
        if (last == null || last.token == null || last.snapshotEntries < MIN_JOURNAL_BASE
                || last.journalEntries > last.snapshotEntries / 2) {
            writeSnapshot(jobId, state);
            return;
        }
        List<String> changes = changes(last.state, state);
        if (changes.isEmpty()) {
            return;
        }
        if (last.journalEntries + changes.size() > last.snapshotEntries / 2) {
            writeSnapshot(jobId, state);
            return;
        }
        appendCommit(jobId, last, changes);
        last.journalEntries += changes.size();
        apply(last.state, state);
    }

    /** Reads a snapshot into {@code state}; returns its entries and sets {@code token[0]} (null: none). */
    private static long readSnapshot(Path file, SyncState state, String[] token) throws IOException {
        long entries = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !(header.equals(HEADER) || header.startsWith(HEADER + ' '))) {
                throw new IOException(file + " is not a Syncline state file (first line '" + header + "')");
            }
            token[0] = header.length() > HEADER.length() + 1 ? header.substring(HEADER.length() + 1) : null;
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                String[] fields = line.split("\t", -1);
                if (fields.length != 6) {
                    throw new IOException(file + " line " + number + " is damaged; delete the file to start over");
                }
                putFields(state, fields, 0);
                entries++;
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (NumberFormatException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); delete the file to start over", e);
        }
        return entries;
    }

    /**
     * Applies the journal's whole commits to {@code state}; returns the number of entries applied and
     * the length of the valid part. Stops at the first torn, damaged or unclosed commit.
     */
    private static long[] replayJournal(Path file, String token, SyncState state) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new long[] {0, 0};
        }
        int headerEnd = indexOf(bytes, 0);
        if (headerEnd < 0 || !line(bytes, 0, headerEnd).equals(JOURNAL_HEADER + ' ' + token)) {
            return new long[] {0, 0};
        }
        long applied = 0;
        long validLength = headerEnd + 1;
        List<String[]> pending = new ArrayList<>();
        int start = headerEnd + 1;
        int end;
        while ((end = indexOf(bytes, start)) >= 0) {
            String[] fields = verified(line(bytes, start, end));
            if (fields == null) {
                break;
            }
            if (fields[0].equals("C")) {
                if (fields.length != 2 || !fields[1].equals(Integer.toString(pending.size()))) {
                    break;
                }
                try {
                    for (String[] change : pending) {
                        if (change[0].equals("R")) {
                            state.put(unescape(change[1]), unescape(change[2]), null);
                        } else {
                            putFields(state, change, 1);
                        }
                    }
                } catch (NumberFormatException e) {
                    break;
                }
                applied += pending.size();
                pending.clear();
                validLength = end + 1;
            } else if ((fields[0].equals("P") && fields.length == 7) || (fields[0].equals("R") && fields.length == 3)) {
                pending.add(fields);
            } else {
                break;
            }
            start = end + 1;
        }
        return new long[] {applied, validLength};
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String line(byte[] bytes, int start, int end) {
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** The fields after the checksum, or {@code null} if the checksum does not match. */
    private static String[] verified(String line) {
        int tab = line.indexOf('\t');
        if (tab != 8) {
            return null;
        }
        String rest = line.substring(tab + 1);
        if (!line.substring(0, tab).equals(crc(rest))) {
            return null;
        }
        return rest.split("\t", -1);
    }

    private static void putFields(SyncState state, String[] fields, int from) {
        EntryType type = fields[from + 1].equals("D") ? EntryType.DIRECTORY : EntryType.FILE;
        String hash = fields[from + 4].equals("-") ? null : fields[from + 4];
        state.put(unescape(fields[from]), unescape(fields[from + 5]),
                new ReplicaState(type, Long.parseLong(fields[from + 2]), Long.parseLong(fields[from + 3]), hash));
    }

    /** The journal lines (without checksum) that turn {@code from} into {@code to}. */
    private static List<String> changes(SyncState from, SyncState to) {
        List<String> changes = new ArrayList<>();
        for (String replica : to.replicaIds()) {
            Map<String, ReplicaState> old = from.entries(replica);
            for (Map.Entry<String, ReplicaState> entry : to.entries(replica).entrySet()) {
                if (!entry.getValue().equals(old.get(entry.getKey()))) {
                    changes.add("P\t" + entryLine(escape(replica), entry.getKey(), entry.getValue()));
                }
            }
        }
        for (String replica : from.replicaIds()) {
            Map<String, ReplicaState> now = to.entries(replica);
            for (String path : from.entries(replica).keySet()) {
                if (!now.containsKey(path)) {
                    changes.add("R\t" + escape(replica) + '\t' + escape(path));
                }
            }
        }
        return changes;
    }

    /** Makes {@code target} hold the same entries as {@code source}. */
    private static void apply(SyncState target, SyncState source) {
        for (String replica : List.copyOf(target.replicaIds())) {
            Map<String, ReplicaState> now = source.entries(replica);
            for (String path : List.copyOf(target.entries(replica).keySet())) {
                if (!now.containsKey(path)) {
                    target.put(replica, path, null);
                }
            }
        }
        for (String replica : source.replicaIds()) {
            for (Map.Entry<String, ReplicaState> entry : source.entries(replica).entrySet()) {
                if (!Objects.equals(target.get(replica, entry.getKey()), entry.getValue())) {
                    target.put(replica, entry.getKey(), entry.getValue());
                }
            }
        }
    }

    private static SyncState copy(SyncState state) {
        SyncState copy = new SyncState();
        apply(copy, state);
        return copy;
    }

    private void appendCommit(String jobId, Known last, List<String> changes) throws IOException {
        StringBuilder text = new StringBuilder(changes.size() * 96);
        if (last.journalLength == 0) {
            text.append(JOURNAL_HEADER).append(' ').append(last.token).append('\n');
        }
        for (String change : changes) {
            text.append(crc(change)).append('\t').append(change).append('\n');
        }
        String close = "C\t" + changes.size();
        text.append(crc(close)).append('\t').append(close).append('\n');
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Path journal = journalOf(jobId);
        boolean created = last.journalLength == 0;
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // Cut off a torn commit a crash may have left; the new commit goes right after the valid part.
            channel.truncate(last.journalLength);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = last.journalLength;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(true);
        }
        if (created) {
            forceFolder();
        }
        last.journalLength += bytes.length;
    }

    private void writeSnapshot(String jobId, SyncState state) throws IOException {
        Files.createDirectories(folder);
        Path file = fileOf(jobId);
        Path temp = folder.resolve(file.getFileName() + ".tmp");
        long entries = 0;
        String token = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream stream = Channels.newOutputStream(channel);
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            writer.write(HEADER + ' ' + token);
            writer.write('\n');
            for (String replica : state.replicaIds()) {
                String replicaField = escape(replica);
                for (Map.Entry<String, ReplicaState> entry : state.entries(replica).entrySet()) {
                    writer.write(entryLine(replicaField, entry.getKey(), entry.getValue()));
                    writer.write('\n');
                    entries++;
                }
            }
            writer.flush();
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceFolder();
        // The old journal names the old snapshot's token, so it is ignored from now on; remove it.
        if (Files.deleteIfExists(journalOf(jobId))) {
            forceFolder();
        }
        known.put(jobId, new Known(copy(state), token, entries, 0, 0));
    }

    private void forceFolder() throws IOException {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static String entryLine(String replicaField, String path, ReplicaState value) {
        return replicaField + '\t' + (value.type() == EntryType.DIRECTORY ? "D" : "F") + '\t'
                + value.size() + '\t' + value.mtimeMillis() + '\t'
                + (value.hash() == null ? "-" : value.hash()) + '\t' + escape(path);
    }

    private static String crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        String hex = Long.toHexString(crc.getValue());
        return "0".repeat(8 - hex.length()) + hex;
    }

    /** Turns a job id into a file name: letters, digits, dot, dash and underscore are kept. */
    static String safeName(String jobId) {
        return jobId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
