package org.syncline.sync.state;

import org.syncline.sync.replica.EntryType;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the state files of {@link FileSyncStateStore}'s first format ({@value #HEADER}), so that
 * an upgrade keeps the state: the snapshot lists one {@code replica, F|D, size, time, hash, path}
 * line per replica and path, in no order, and the journal {@code P} (put) and {@code R} (remove)
 * lines of the same fields. Unsorted, it can only be read whole into memory; the store reads it
 * once and writes the current format at its next save.
 */
final class FirstStateFormat {

    static final String HEADER = "syncline-state 1";
    private static final String JOURNAL_HEADER = "syncline-journal 1";

    private FirstStateFormat() {
    }

    /** Whether a snapshot's first line is of this format. */
    static boolean isHeader(String line) {
        return line.equals(HEADER) || line.startsWith(HEADER + ' ');
    }

    /** The state of a snapshot whose first line was {@code header}, with the valid part of its journal applied. */
    static SyncState read(Path snapshot, String header, Path journal) throws IOException {
        SyncState state = new SyncState();
        try (BufferedReader reader = Files.newBufferedReader(snapshot, StandardCharsets.UTF_8)) {
            reader.readLine();
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                String[] fields = line.split("\t", -1);
                if (fields.length != 6) {
                    throw new IOException(snapshot + " line " + number + " is damaged; delete the file to start over");
                }
                put(state, fields, 0);
            }
        } catch (NumberFormatException e) {
            throw new IOException(snapshot + " is damaged (" + e.getMessage() + "); delete the file to start over", e);
        }
        String token = header.length() > HEADER.length() + 1 ? header.substring(HEADER.length() + 1) : null;
        if (token != null) {
            replay(journal, token, state);
        }
        return state;
    }

    /** Applies the journal's whole commits; stops at the first torn, damaged or unclosed one. */
    private static void replay(Path journal, String token, SyncState state) throws IOException {
        List<String> lines;
        try {
            lines = StateLines.wholeLines(Files.readAllBytes(journal));
        } catch (NoSuchFileException e) {
            return;
        }
        if (lines.isEmpty() || !lines.get(0).equals(JOURNAL_HEADER + ' ' + token)) {
            return;
        }
        List<String[]> pending = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = StateLines.verified(line);
            if (fields == null) {
                return;
            }
            if (fields[0].equals("C")) {
                if (fields.length != 2 || !fields[1].equals(Integer.toString(pending.size()))) {
                    return;
                }
                try {
                    for (String[] change : pending) {
                        if (change[0].equals("R")) {
                            state.put(StateLines.unescape(change[1]), StateLines.unescape(change[2]), null);
                        } else {
                            put(state, change, 1);
                        }
                    }
                } catch (NumberFormatException e) {
                    return;
                }
                pending.clear();
            } else if ((fields[0].equals("P") && fields.length == 7) || (fields[0].equals("R") && fields.length == 3)) {
                pending.add(fields);
            } else {
                return;
            }
        }
    }

    private static void put(SyncState state, String[] fields, int from) {
        EntryType type = fields[from + 1].equals("D") ? EntryType.DIRECTORY : EntryType.FILE;
        String hash = fields[from + 4].equals("-") ? null : fields[from + 4];
        state.put(StateLines.unescape(fields[from]), StateLines.unescape(fields[from + 5]),
                new ReplicaState(type, Long.parseLong(fields[from + 2]), Long.parseLong(fields[from + 3]), hash));
    }
}
