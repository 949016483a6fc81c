package org.syncline.sync.plan;

import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.Replica;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.stream.Stream;

/** A replica whose listing of one folder is denied, as an unreadable folder would be. */
final class ListFailingReplica extends DelegatingReplica {

    private final String deniedFolder;

    ListFailingReplica(Replica delegate, String deniedFolder) {
        super(delegate);
        this.deniedFolder = deniedFolder;
    }

    @Override
    public Stream<FileEntry> list(String dir) throws IOException {
        if (dir.equals(deniedFolder)) {
            throw new AccessDeniedException(dir, null, "permission denied");
        }
        return super.list(dir);
    }
}
