package org.syncline.sync.plan;

import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.spill.Spill;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Writes an {@link Action} to a plan's temporary file and reads it back, field by field. */
final class ActionCodec implements Spill.Codec<Action> {

    static final ActionCodec INSTANCE = new ActionCodec();

    private static final ActionType[] TYPES = ActionType.values();
    private static final EntryType[] ENTRY_TYPES = EntryType.values();

    private ActionCodec() {
    }

    @Override
    public void write(DataOutput out, Action action) throws IOException {
        out.writeByte(action.type().ordinal());
        Spill.writeString(out, action.path());
        out.writeInt(action.source());
        out.writeInt(action.target());
        writeEntry(out, action.sourceEntry(), action.path());
        writeEntry(out, action.expectedTarget(), action.path());
        Spill.writeString(out, action.newPath());
        out.writeBoolean(action.archiveReplaced());
        Spill.writeString(out, action.reason());
    }

    @Override
    public Action read(DataInput in) throws IOException {
        ActionType type = TYPES[in.readByte()];
        String path = Spill.readString(in);
        int source = in.readInt();
        int target = in.readInt();
        FileEntry sourceEntry = readEntry(in, path);
        FileEntry expectedTarget = readEntry(in, path);
        String newPath = Spill.readString(in);
        boolean archiveReplaced = in.readBoolean();
        return new Action(type, path, source, target, sourceEntry, expectedTarget, newPath, archiveReplaced,
                Spill.readString(in));
    }

    /** An entry: 0 none, 1 at the action's path, 2 at its own path; then its fields. */
    private static void writeEntry(DataOutput out, FileEntry entry, String actionPath) throws IOException {
        if (entry == null) {
            out.writeByte(0);
            return;
        }
        if (entry.path().equals(actionPath)) {
            out.writeByte(1);
        } else {
            out.writeByte(2);
            Spill.writeString(out, entry.path());
        }
        out.writeByte(entry.type().ordinal());
        out.writeLong(entry.size());
        out.writeLong(entry.mtimeMillis());
        out.writeInt(entry.mode());
        Spill.writeString(out, entry.hash());
    }

    private static FileEntry readEntry(DataInput in, String actionPath) throws IOException {
        byte tag = in.readByte();
        if (tag == 0) {
            return null;
        }
        String path = tag == 1 ? actionPath : Spill.readString(in);
        EntryType type = ENTRY_TYPES[in.readByte()];
        long size = in.readLong();
        long mtime = in.readLong();
        int mode = in.readInt();
        return new FileEntry(path, type, size, mtime, mode, Spill.readString(in));
    }
}
