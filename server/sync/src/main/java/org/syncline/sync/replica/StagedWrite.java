package org.syncline.sync.replica;

/**
 * A file written by {@link Replica#stage} to a temporary name in its target folder and verified
 * (size and hash), but neither forced to stable storage nor visible at its path yet. It becomes
 * visible through {@link Replica#commit} after {@link Replica#force}, or is dropped by
 * {@link Replica#discard}. Belongs to the replica that staged it.
 */
public interface StagedWrite {

    /** The relative path the content is meant for. */
    String path();

    /** Size and content hash of what was written (and verified). */
    WriteResult result();

    /** A write that was carried out completely by {@link Replica#write}; committing it does nothing. */
    record Completed(String path, WriteResult result) implements StagedWrite {
    }
}
