package org.syncline.sync.plan;

import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.Replica;

import java.util.List;

/**
 * How a removed file and a copied one are paired as a likely move: the same target path, size and
 * time, the time in buckets of the coarsest time granularity of the job's paths (times within a
 * granularity of one another lie in the same bucket or the one beside it).
 *
 * @param target     the path the file is removed from or copied to
 * @param size       the file's length
 * @param timeBucket its modification time divided by the bucket's length
 */
public record MoveKey(int target, long size, long timeBucket) {

    /** The length of a time bucket for the job's paths: their coarsest time granularity, at least 1 ms. */
    public static long bucketOf(List<? extends Replica> replicas) {
        return Math.max(1, replicas.stream().mapToLong(Replica::timeGranularityMillis).max().orElse(1));
    }

    /** The key of {@code file} on path {@code target}. */
    public static MoveKey of(int target, FileEntry file, long bucket) {
        return new MoveKey(target, file.size(), Math.floorDiv(file.mtimeMillis(), bucket));
    }
}
