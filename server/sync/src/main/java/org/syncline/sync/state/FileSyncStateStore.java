package org.syncline.sync.state;

import org.syncline.sync.replica.RelativePath;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * <b>Interim</b> {@link SyncStateStore} for the stand-alone command until the database adapter
 * exists, never inside a synced tree. Per job, in {@code <stateDir>/.syncline/}:
 * <ul>
 *   <li>{@code <jobId>.state}, a snapshot: UTF-8; first line {@value #HEADER} and a random token;
 *       second line {@code replicas} and the replica ids; then one row per path
 *       in {@link RelativePath#ORDER}: the path and, for each replica, type ({@code F}, {@code D},
 *       or {@code -} for no state), size, time and hash (or {@code -}), tab-separated (see
 *       {@link StateLines}). Written to a temporary file, forced and renamed over the old one, so
 *       it is always whole;</li>
 *   <li>{@code <jobId>.journal}, the changes saved since that snapshot: first line
 *       {@value #JOURNAL_HEADER} and the snapshot's token (a journal naming another token is
 *       ignored), then an append-only list of <em>commits</em>, each some {@code P} lines (a row as
 *       in the snapshot, all replicas {@code -} to forget the path) and a closing {@code C} line with
 *       their number; every line starts with the CRC32C of the rest of the line.</li>
 * </ul>
 * {@link #read} streams the snapshot and merges the journal over it, holding only the journal in
 * memory (a save must follow a read to its end to be journaled): at most {@value #MAX_JOURNAL_ROWS} rows. {@link #save} writes nothing when nothing
 * changed; else it appends one commit and forces it. A crash while appending leaves a torn or
 * unclosed last commit, which reading ignores (and the next save cuts off): each save is atomic.
 * When the journal would grow past {@value #MAX_JOURNAL_ROWS} rows or half the snapshot, when this
 * instance has not read the job's whole state, or when the job's replicas changed, the old state is
 * streamed, merged with the changes and written as a new snapshot, and the journal is deleted
 * afterwards; a crash in between leaves a journal whose token no longer matches. A snapshot of the
 * first format ({@link FirstStateFormat}) is read whole and replaced at the next save.
 *
 * <p>One process at a time per job (the command holds a lock file); not thread-safe.
 */
public final class FileSyncStateStore implements SyncStateStore {

    private static final String HEADER = "syncline-state 2";
    private static final String JOURNAL_HEADER = "syncline-journal 2";
    private static final String REPLICAS = "replicas";
    /** Most rows a journal holds (and {@link #read} keeps in memory) before a new snapshot is written. */
    static final int MAX_JOURNAL_ROWS = 50_000;
    /** Rows below which a snapshot is always rewritten rather than journaled. */
    private static final int MIN_JOURNAL_BASE = 64;

    private final Path folder;
    /** Per job, what is on disk (snapshot plus committed journal) as far as this instance knows. */
    private final Map<String, Known> known = new HashMap<>();

    private static final class Known {
        /** The snapshot's token; {@code null}: no snapshot of the current format. */
        final String token;
        final List<String> replicas;
        long snapshotRows;
        long journalRows;
        /** Length of the journal's valid part (header and whole commits); 0: no journal file. */
        long journalLength;
        /** Whether the state was read to its end, or written, by this instance. */
        boolean complete;

        Known(String token, List<String> replicas) {
            this.token = token;
            this.replicas = replicas;
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
    public SavedState read(String jobId, List<String> replicaIds) throws IOException {
        Path file = fileOf(jobId);
        BufferedReader lines;
        try {
            lines = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            Known none = new Known(null, List.of());
            none.complete = true;
            known.put(jobId, none);
            return SavedState.empty();
        }
        try {
            String header = lines.readLine();
            if (header != null && FirstStateFormat.isHeader(header)) {
                lines.close();
                Known first = new Known(null, List.of());
                first.complete = true;
                known.put(jobId, first);
                return FirstStateFormat.read(file, header, journalOf(jobId)).read(replicaIds);
            }
            String replicaLine = lines.readLine();
            if (header == null || !header.startsWith(HEADER + ' ') || header.length() == HEADER.length() + 1
                    || replicaLine == null || !replicaLine.startsWith(REPLICAS)) {
                throw new IOException(file + " is not a Syncline state file (first line '" + header + "')");
            }
            List<String> replicas = Arrays.stream(replicaLine.split("\t", -1)).skip(1).map(StateLines::unescape)
                    .toList();
            Known state = new Known(header.substring(HEADER.length() + 1), replicas);
            TreeMap<String, ReplicaState[]> journal = replayJournal(journalOf(jobId), state);
            known.put(jobId, state);
            return new Reader(file, lines, state, journal, replicaIds);
        } catch (IOException | RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    @Override
    public void save(String jobId, List<String> replicaIds, StateChanges changes) throws IOException {
        Known last = known.get(jobId);
        boolean journaled = last != null && last.complete && last.token != null && last.replicas.equals(replicaIds)
                && last.snapshotRows >= MIN_JOURNAL_BASE;
        long room = journaled ? Math.min(MAX_JOURNAL_ROWS, last.snapshotRows / 2) - last.journalRows : 0;
        List<String> rows = new ArrayList<>();
        boolean any = false;
        try (StateChanges.Reader reader = changes.open()) {
            while (reader.hasNext()) {
                any = true;
                if (rows.size() >= room) {
                    journaled = false;
                    break;
                }
                StateChanges.Change change = reader.next();
                rows.add("P\t" + StateLines.row(change.path(), change.after()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!any) {
            return;
        }
        if (journaled) {
            appendCommit(jobId, last, rows);
        } else {
            writeSnapshot(jobId, replicaIds, changes);
        }
    }

    /**
     * Reads the journal's whole commits into rows (in the snapshot's replica order) and sets the
     * journal's rows and valid length in {@code state}. Stops at the first torn, damaged or unclosed
     * commit.
     */
    private static TreeMap<String, ReplicaState[]> replayJournal(Path file, Known state) throws IOException {
        TreeMap<String, ReplicaState[]> rows = new TreeMap<>(RelativePath.ORDER);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return rows;
        }
        int headerEnd = indexOf(bytes, 0);
        if (headerEnd < 0 || !line(bytes, 0, headerEnd).equals(JOURNAL_HEADER + ' ' + state.token)) {
            return rows;
        }
        int width = state.replicas.size();
        long applied = 0;
        long validLength = headerEnd + 1;
        List<String> pending = new ArrayList<>();
        int start = headerEnd + 1;
        int end;
        while ((end = indexOf(bytes, start)) >= 0) {
            String text = StateLines.verifiedText(line(bytes, start, end));
            if (text == null) {
                break;
            }
            if (text.startsWith("C\t")) {
                if (!text.substring(2).equals(Integer.toString(pending.size()))) {
                    break;
                }
                try {
                    Map<String, ReplicaState[]> commit = new HashMap<>();
                    for (String row : pending) {
                        StateRow parsed = StateLines.parse(row, width);
                        commit.put(parsed.path(), parsed.states());
                    }
                    rows.putAll(commit);
                } catch (NumberFormatException e) {
                    break;
                }
                applied += pending.size();
                pending.clear();
                validLength = end + 1;
            } else if (text.startsWith("P\t")) {
                pending.add(text.substring(2));
            } else {
                break;
            }
            start = end + 1;
        }
        state.journalRows = applied;
        state.journalLength = validLength;
        return rows;
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

    private void appendCommit(String jobId, Known last, List<String> rows) throws IOException {
        StringBuilder text = new StringBuilder(rows.size() * 96);
        if (last.journalLength == 0) {
            text.append(JOURNAL_HEADER).append(' ').append(last.token).append('\n');
        }
        for (String row : rows) {
            text.append(StateLines.checked(row));
        }
        text.append(StateLines.checked("C\t" + rows.size()));
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
        last.journalRows += rows.size();
    }

    /** Streams the saved state merged with the changes into a new snapshot. */
    private void writeSnapshot(String jobId, List<String> replicaIds, StateChanges changes) throws IOException {
        Files.createDirectories(folder);
        Path file = fileOf(jobId);
        Path temp = folder.resolve(file.getFileName() + ".tmp");
        long rows = 0;
        String token = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        try (SavedState old = read(jobId, replicaIds);
             StateChanges.Reader news = changes.open();
             FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                    StandardCharsets.UTF_8), 1 << 16);
            writer.write(HEADER + ' ' + token + '\n');
            writer.write(REPLICAS);
            for (String replica : replicaIds) {
                writer.write('\t');
                writer.write(StateLines.escape(replica));
            }
            writer.write('\n');
            StateRow oldRow = old.hasNext() ? old.next() : null;
            StateChanges.Change change = news.hasNext() ? news.next() : null;
            while (oldRow != null || change != null) {
                int order = oldRow == null ? 1 : change == null ? -1 : RelativePath.compare(oldRow.path(), change.path());
                String path;
                ReplicaState[] states;
                if (order < 0) {
                    path = oldRow.path();
                    states = oldRow.states();
                } else {
                    path = change.path();
                    states = change.after();
                }
                if (order <= 0) {
                    oldRow = old.hasNext() ? old.next() : null;
                }
                if (order >= 0) {
                    change = news.hasNext() ? news.next() : null;
                }
                if (Arrays.stream(states).anyMatch(state -> state != null)) {
                    writer.write(StateLines.row(path, states));
                    writer.write('\n');
                    rows++;
                }
            }
            writer.flush();
            channel.force(true);
        } catch (UncheckedIOException e) {
            Files.deleteIfExists(temp);
            throw e.getCause();
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceFolder();
        // The old journal names the old snapshot's token, so it is ignored from now on; remove it.
        if (Files.deleteIfExists(journalOf(jobId))) {
            forceFolder();
        }
        Known written = new Known(token, List.copyOf(replicaIds));
        written.snapshotRows = rows;
        written.complete = true;
        known.put(jobId, written);
    }

    private void forceFolder() throws IOException {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** Turns a job id into a file name: letters, digits, dot, dash and underscore are kept. */
    static String safeName(String jobId) {
        return jobId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * The snapshot's rows, with the journal's rows merged over them, in the order of the requested
     * replicas. Marks the job's state as completely read when it reaches the end.
     */
    private final class Reader implements SavedState {

        private final Path file;
        private final BufferedReader lines;
        private final Known state;
        private final Iterator<Map.Entry<String, ReplicaState[]>> journal;
        /** For each requested replica, its index in the snapshot, or -1. */
        private final int[] columns;
        private StateRow nextSnapshot;
        private Map.Entry<String, ReplicaState[]> nextJournal;
        private StateRow next;
        private long rowsRead;
        private boolean closed;

        Reader(Path file, BufferedReader lines, Known state, TreeMap<String, ReplicaState[]> journal,
               List<String> replicaIds) {
            this.file = file;
            this.lines = lines;
            this.state = state;
            this.journal = journal.entrySet().iterator();
            this.columns = replicaIds.stream().mapToInt(state.replicas::indexOf).toArray();
            nextSnapshot = readRow();
            nextJournal = this.journal.hasNext() ? this.journal.next() : null;
        }

        @Override
        public boolean hasNext() {
            while (next == null && (nextSnapshot != null || nextJournal != null)) {
                int order = nextSnapshot == null ? 1 : nextJournal == null ? -1
                        : RelativePath.compare(nextSnapshot.path(), nextJournal.getKey());
                String path;
                ReplicaState[] states;
                if (order < 0) {
                    path = nextSnapshot.path();
                    states = nextSnapshot.states();
                } else {
                    path = nextJournal.getKey();
                    states = nextJournal.getValue();
                }
                if (order <= 0) {
                    nextSnapshot = readRow();
                }
                if (order >= 0) {
                    nextJournal = journal.hasNext() ? journal.next() : null;
                }
                ReplicaState[] wanted = new ReplicaState[columns.length];
                boolean any = false;
                for (int i = 0; i < columns.length; i++) {
                    wanted[i] = columns[i] < 0 ? null : states[columns[i]];
                    any |= wanted[i] != null;
                }
                if (any) {
                    next = new StateRow(path, wanted);
                }
            }
            if (next == null && !state.complete) {
                state.snapshotRows = rowsRead;
                state.complete = true;
            }
            return next != null;
        }

        @Override
        public StateRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            StateRow row = next;
            next = null;
            return row;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                lines.close();
            }
        }

        private StateRow readRow() {
            String line;
            try {
                line = lines.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (line == null) {
                return null;
            }
            rowsRead++;
            try {
                return StateLines.parse(line, state.replicas.size());
            } catch (NumberFormatException e) {
                throw new UncheckedIOException(new IOException(file + " row " + rowsRead + " is damaged ("
                        + e.getMessage() + "); delete the file to start over", e));
            }
        }
    }
}
