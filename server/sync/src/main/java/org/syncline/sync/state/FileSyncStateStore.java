package org.syncline.sync.state;

import org.syncline.sync.replica.EntryType;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * <b>Interim</b> {@link SyncStateStore} for the stand-alone command until the database adapter
 * exists: one text file per job, {@code <stateDir>/.syncline/<jobId>.state}, never inside a synced
 * tree. Saving writes a temporary file, forces it to disk and renames it over the old one, so a
 * crash leaves either state whole. Format (UTF-8, one entry per line, tab-separated):
 * {@code replica-id, F|D, size, mtime, hash or -, path}; the first line names the format version.
 * Tabs, newlines and backslashes in fields are escaped with a backslash.
 */
public final class FileSyncStateStore implements SyncStateStore {

    private static final String HEADER = "syncline-state 1";

    private final Path folder;

    public FileSyncStateStore(Path stateDir) {
        this.folder = stateDir.resolve(".syncline");
    }

    /** The file holding a job's state. */
    public Path fileOf(String jobId) {
        return folder.resolve(safeName(jobId) + ".state");
    }

    @Override
    public SyncState load(String jobId) throws IOException {
        SyncState state = new SyncState();
        Path file = fileOf(jobId);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (!HEADER.equals(header)) {
                throw new IOException(file + " is not a Syncline state file (first line '" + header + "')");
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                String[] fields = line.split("\t", -1);
                if (fields.length != 6) {
                    throw new IOException(file + " line " + number + " is damaged; delete the file to start over");
                }
                EntryType type = fields[1].equals("D") ? EntryType.DIRECTORY : EntryType.FILE;
                String hash = fields[4].equals("-") ? null : fields[4];
                state.put(unescape(fields[0]), unescape(fields[5]),
                        new ReplicaState(type, Long.parseLong(fields[2]), Long.parseLong(fields[3]), hash));
            }
        } catch (NoSuchFileException e) {
            return state;
        } catch (NumberFormatException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); delete the file to start over", e);
        }
        return state;
    }

    @Override
    public void save(String jobId, SyncState state) throws IOException {
        Files.createDirectories(folder);
        Path file = fileOf(jobId);
        Path temp = folder.resolve(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream stream = Channels.newOutputStream(channel);
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            writer.write(HEADER);
            writer.write('\n');
            for (String replica : state.replicaIds()) {
                String replicaField = escape(replica);
                for (Map.Entry<String, ReplicaState> entry : state.entries(replica).entrySet()) {
                    ReplicaState value = entry.getValue();
                    writer.write(replicaField + '\t' + (value.type() == EntryType.DIRECTORY ? "D" : "F") + '\t'
                            + value.size() + '\t' + value.mtimeMillis() + '\t'
                            + (value.hash() == null ? "-" : value.hash()) + '\t' + escape(entry.getKey()) + '\n');
                }
            }
            writer.flush();
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** Turns a job id into a file name: letters, digits, dot, dash and underscore are kept. */
    static String safeName(String jobId) {
        return jobId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String escape(String value) {
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
