package org.syncline.sync.state;

import org.syncline.sync.replica.EntryType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The text encoding of {@link FileSyncStateStore}'s files: tab-separated fields, with tabs, newlines
 * and backslashes in values escaped by a backslash, and journal lines checked by a CRC32C.
 */
final class StateLines {

    /** Fields per replica in a row: type ({@code F}, {@code D}, {@code L} for a link or {@code -} for none), size, time, hash. */
    static final int FIELDS = 4;

    private StateLines() {
    }

    /** A row's fields: the escaped path, then {@value #FIELDS} fields per replica. */
    static String row(String path, ReplicaState[] states) {
        StringBuilder line = new StringBuilder(path.length() + 32 * states.length).append(escape(path));
        for (ReplicaState state : states) {
            if (state == null) {
                line.append("\t-\t0\t0\t-");
            } else {
                line.append('\t').append(kind(state.type()))
                        .append('\t').append(state.size()).append('\t').append(state.mtimeMillis())
                        .append('\t').append(state.hash() == null ? "-" : state.hash());
            }
        }
        return line.toString();
    }

    /**
     * A base file's row ({@link #row}) read back, for {@code width} replicas: the line is taken
     * apart where it stands, without splitting it into a string per field (a no-change run reads
     * every row of the state).
     *
     * @throws NumberFormatException if the row has another number of fields, or a size or time is not a number
     */
    static StateRow parse(String line, int width) {
        int end = line.indexOf('\t');
        if (end < 0) {
            throw new NumberFormatException("wrong number of fields");
        }
        String path = unescape(line.substring(0, end));
        ReplicaState[] states = new ReplicaState[width];
        for (int i = 0; i < width; i++) {
            int type = end + 1;
            int size = next(line, type);
            int time = next(line, size);
            int hash = next(line, time);
            end = line.indexOf('\t', hash);
            if (end < 0) {
                if (i < width - 1) {
                    throw new NumberFormatException("wrong number of fields");
                }
                end = line.length();
            }
            if (size - type != 2) {
                throw new NumberFormatException("bad type field");
            }
            char kind = line.charAt(type);
            if (kind != '-') {
                boolean noHash = end - hash == 1 && line.charAt(hash) == '-';
                states[i] = new ReplicaState(kind == 'D' ? EntryType.DIRECTORY : kind == 'L' ? EntryType.SYMLINK : EntryType.FILE,
                        Long.parseLong(line, size, time - 1, 10), Long.parseLong(line, time, hash - 1, 10),
                        noHash ? null : line.substring(hash, end));
            }
        }
        if (end != line.length()) {
            throw new NumberFormatException("wrong number of fields");
        }
        return new StateRow(path, states);
    }

    private static char kind(EntryType type) {
        return switch (type) {
            case DIRECTORY -> 'D';
            case SYMLINK -> 'L';
            default -> 'F';
        };
    }

    /** Where the field after the one starting at {@code from} starts. */
    private static int next(String line, int from) {
        int tab = line.indexOf('\t', from);
        if (tab < 0) {
            throw new NumberFormatException("wrong number of fields");
        }
        return tab + 1;
    }

    /** The line with its checksum in front, ending with a newline. */
    static String checked(String line) {
        return crc(line) + '\t' + line + '\n';
    }

    /** The fields after the checksum, or {@code null} if the checksum does not match. */
    static String[] verified(String line) {
        String text = verifiedText(line);
        return text == null ? null : text.split("\t", -1);
    }

    /** The line after its checksum, or {@code null} if the checksum does not match. */
    static String verifiedText(String line) {
        int tab = line.indexOf('\t');
        if (tab != 8) {
            return null;
        }
        String rest = line.substring(tab + 1);
        return line.substring(0, tab).equals(crc(rest)) ? rest : null;
    }

    /** The newline-terminated lines of {@code bytes}, decoded as UTF-8; a last unterminated line is left out. */
    static List<String> wholeLines(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = 0; end < bytes.length; end++) {
            if (bytes[end] == '\n') {
                lines.add(new String(bytes, start, end - start, StandardCharsets.UTF_8));
                start = end + 1;
            }
        }
        return lines;
    }

    static String crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        String hex = Long.toHexString(crc.getValue());
        return "0".repeat(8 - hex.length()) + hex;
    }

    static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String value) {
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
