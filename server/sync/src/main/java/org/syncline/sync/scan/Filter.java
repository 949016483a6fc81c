package org.syncline.sync.scan;

import org.syncline.masks.FileMasks;
import org.syncline.masks.FolderMasks;
import org.syncline.masks.MaskSyntaxException;
import org.syncline.sync.replica.FileEntry;

import java.time.Instant;

/**
 * Which entries of a replica take part in a job: file masks, subfolder masks (their grammar is in
 * the package {@code org.syncline.masks}, shared with the workbench), a modification-date range
 * and a size range (the ranges apply to files only). Immutable; equal filters select the same
 * entries.
 *
 * @param files          file masks
 * @param folders        subfolder masks
 * @param modifiedAfter  only files modified at or after this instant, or {@code null}
 * @param modifiedBefore only files modified before this instant, or {@code null}
 * @param minSize        only files of at least this many bytes (0 for no limit)
 * @param maxSize        only files of at most this many bytes ({@link Long#MAX_VALUE} for no limit)
 */
public record Filter(FileMasks files, FolderMasks folders, Instant modifiedAfter, Instant modifiedBefore,
                     long minSize, long maxSize) {

    /** Selects everything. */
    public static final Filter ALL = new Filter(FileMasks.ALL, FolderMasks.ALL, null, null, 0, Long.MAX_VALUE);

    public Filter {
        if (minSize < 0 || maxSize < minSize) {
            throw new InvalidFilterException("size range " + minSize + ".." + maxSize
                    + " is empty or negative; give a minimum that is at most the maximum");
        }
        if (modifiedAfter != null && modifiedBefore != null && !modifiedAfter.isBefore(modifiedBefore)) {
            throw new InvalidFilterException("date range from " + modifiedAfter + " to " + modifiedBefore
                    + " is empty; the start must come before the end");
        }
    }

    /**
     * Parses masks into a filter without ranges.
     *
     * @throws MaskSyntaxException naming the mask at fault and how to write it
     */
    public static Filter of(String fileMasks, String folderMasks, boolean caseInsensitive) {
        return new Filter(FileMasks.parse(fileMasks, caseInsensitive), FolderMasks.parse(folderMasks, caseInsensitive),
                null, null, 0, Long.MAX_VALUE);
    }

    /** This filter restricted to files modified before {@code instant}. */
    public Filter modifiedBefore(Instant instant) {
        return new Filter(files, folders, modifiedAfter, instant, minSize, maxSize);
    }

    /** This filter restricted to files modified at or after {@code instant}. */
    public Filter modifiedAfter(Instant instant) {
        return new Filter(files, folders, instant, modifiedBefore, minSize, maxSize);
    }

    /** This filter restricted to a size range. */
    public Filter sizeBetween(long min, long max) {
        return new Filter(files, folders, modifiedAfter, modifiedBefore, min, max);
    }

    /**
     * Whether a file or symbolic link (not a folder) is selected by masks and ranges; folder masks
     * are the scanner's business. The size range applies to files only (as rsync's {@code --min-size}
     * and {@code --max-size} do): a link's size is its target's length.
     */
    public boolean selectsFile(FileEntry file) {
        if (!files.selects(file.name())) {
            return false;
        }
        if (file.isFile() && (file.size() < minSize || file.size() > maxSize)) {
            return false;
        }
        if (modifiedAfter != null && file.mtimeMillis() < modifiedAfter.toEpochMilli()) {
            return false;
        }
        return modifiedBefore == null || file.mtimeMillis() < modifiedBefore.toEpochMilli();
    }
}
