package org.syncline.store;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.Diagnostic;
import org.syncline.masks.FolderMasks;
import org.syncline.model.FileFilter;
import org.syncline.model.Job;
import org.syncline.model.JobOptions;
import org.syncline.model.JobPath;
import org.syncline.model.RetentionKind;
import org.syncline.model.SynclineFactory;
import org.syncline.model.validation.ModelValidator;
import org.syncline.persistence.JobOutline;
import org.syncline.sync.job.ConflictPolicy;
import org.syncline.sync.job.DeleteHandling;
import org.syncline.sync.job.InvalidJobException;
import org.syncline.sync.job.JobFolders;
import org.syncline.sync.job.MassDeleteGuard;
import org.syncline.sync.job.Retention;
import org.syncline.sync.job.RetryPolicy;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.scan.Filter;

/**
 * Converts between a model Job and the sync core's {@link SyncJob}, so that a job runs as the
 * workbench defines it and a job run from the command line is saved as it ran. Reading and then
 * writing a job keeps its meaning; writing and then reading a SyncJob gives it back equal, but
 * for the number of parallel copies, which belongs to a run and is not saved.
 *
 * <p>How the model's settings map: sizes and dates of the filter directly (no size is 0 and
 * {@link Long#MAX_VALUE}); deletions are archived when the delete handling is ARCHIVE or when
 * they propagate with "archive deleted files" set; a retention count of 0 keeps every archived
 * version; a mass-delete limit of 0 is off; the retry delay is whole seconds; copying and
 * comparing attributes are the sync core's ACLs and extended attributes. Settings the sync core
 * does not use yet (copy timestamps, delta threshold, compression, encryption, file locking)
 * are neither read nor changed.
 */
final class JobDefinitions {

    private JobDefinitions() {
    }

    /**
     * The SyncJob that runs {@code row}.
     *
     * @throws InvalidJobException when the workbench would refuse the job, or a folder is not one
     *     of this computer (on an agent's machine, or not a full path)
     */
    static SyncJob read(Job row) {
        Diagnostic diagnostic = ModelValidator.validate(row);
        if (diagnostic.getSeverity() != Diagnostic.OK) {
            throw new InvalidJobException("Job '" + row.getName() + "' cannot run as it is saved: " + diagnostic.getChildren().stream()
                    .map(Diagnostic::getMessage).collect(Collectors.joining(" ")) + " Correct it in the workbench.");
        }
        List<String> folders = new ArrayList<>();
        for (int i = 0; i < row.getPaths().size(); i++) {
            JobPath path = row.getPaths().get(i);
            String which = "Path " + (i + 1) + " of job '" + row.getName() + "', '" + path.getFolder() + "'";
            if (path.getMachine() != null) {
                throw new InvalidJobException(which + " on machine '" + path.getMachine().getName() + "', is reached through "
                        + "its agent, which syncline sync cannot do yet: it synchronizes folders of this computer only.");
            }
            String folder = localFolder(path.getFolder());
            if (folder == null) {
                throw new InvalidJobException(which + ", is not a full path of a folder on this computer: give it from the root, "
                        + "such as /srv/data.");
            }
            folders.add(folder);
        }
        try {
            return new SyncJob(row.getName(), folders, Rule.valueOf(row.getRule().getName()), filter(row.getFilter()),
                    options(row.getOptions()));
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("Job '" + row.getName() + "' cannot run as it is saved: " + e.getMessage()
                    + ". Correct it in the workbench.");
        }
    }

    /** The paths of {@code row} as {@link #read} gives them, a folder on another machine as {@code machine:folder}. */
    static List<String> folders(Job row) {
        return row.getPaths().stream().map(path -> path.getMachine() != null ? path.getMachine().getName() + ":" + path.getFolder()
                : localFolder(path.getFolder()) != null ? localFolder(path.getFolder()) : path.getFolder()).toList();
    }

    /**
     * Where {@code outline}'s job works, its folders normalized as {@link #read} gives them ({@code null}
     * for one of another machine, and for one that is not a full path). Subfolder masks that cannot be
     * read count as none (the whole folder); a rule that cannot be read as SKIP (the job cannot run).
     */
    static JobFolders folders(JobOutline outline) {
        FolderMasks masks;
        try {
            masks = FolderMasks.parse(outline.subfolderMasks(), outline.ignoreCase());
        } catch (IllegalArgumentException e) {
            masks = FolderMasks.ALL;
        }
        Rule rule;
        try {
            rule = Rule.valueOf(outline.rule());
        } catch (IllegalArgumentException | NullPointerException e) {
            rule = Rule.SKIP;
        }
        return new JobFolders(outline.name(), rule, outline.folders().stream().map(JobDefinitions::localFolder).toList(),
                masks);
    }

    /** Writes the rule, filter and options of {@code job} into {@code row}; its paths are the caller's. */
    static void write(SyncJob job, Job row) {
        row.setRule(org.syncline.model.Rule.getByName(job.rule().name()));
        if (row.getFilter() == null) {
            row.setFilter(SynclineFactory.eINSTANCE.createFileFilter());
        }
        FileFilter filter = row.getFilter();
        Filter from = job.filter();
        filter.setFileMasks(from.files().toString());
        filter.setSubfolderMasks(from.folders().toString());
        filter.setIgnoreCase(from.files().ignoresCase());
        filter.setModifiedAfter(from.modifiedAfter());
        filter.setModifiedBefore(from.modifiedBefore());
        filter.setMinimumSize(from.minSize() == 0 ? null : from.minSize());
        filter.setMaximumSize(from.maxSize() == Long.MAX_VALUE ? null : from.maxSize());
        if (row.getOptions() == null) {
            row.setOptions(SynclineFactory.eINSTANCE.createJobOptions());
        }
        JobOptions options = row.getOptions();
        SyncOptions with = job.options();
        options.setConflictPolicy(org.syncline.model.ConflictPolicy.getByName(with.conflictPolicy().name()));
        options.setDeleteHandling(org.syncline.model.DeleteHandling.getByName(with.deleteHandling().name()));
        options.setArchiveDeleted(with.deleteHandling() == DeleteHandling.ARCHIVE);
        options.setArchiveReplaced(with.archiveReplaced());
        Retention retention = with.retention();
        if (retention.days() > 0) {
            options.setRetentionKind(RetentionKind.DAYS);
        } else if (retention.versions() > 0) {
            options.setRetentionKind(RetentionKind.VERSIONS);
        }
        options.setRetentionCount(Math.max(retention.versions(), retention.days()));
        options.setMassDeleteWarnAfter(with.massDeleteGuard().warnAt());
        options.setMassDeleteCancelAfter(with.massDeleteGuard().cancelAt());
        options.setCopyRetryCount(with.retryPolicy().retries());
        options.setCopyRetryDelaySeconds(Math.toIntExact((with.retryPolicy().delay().toMillis() + 999) / 1000));
        options.setCopyPermissions(with.copyPermissions());
        options.setCopyAttributes(with.copyAcls());
        options.setCompareAttributes(with.checkAcls());
        options.setCompareContent(with.checksum());
        options.setFileLocking(with.lockFiles());
        options.setDeleteOlderThanDays(with.deleteOlderThan() == null ? 0 : Math.toIntExact(with.deleteOlderThan().toDays()));
    }

    /** The folder as a normalized full path of this computer, or {@code null} when it is not one. */
    private static String localFolder(String folder) {
        if (folder == null) {
            return null;
        }
        try {
            Path path = Path.of(folder);
            return path.isAbsolute() ? path.normalize().toString() : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Filter filter(FileFilter filter) {
        if (filter == null) {
            return Filter.ALL;
        }
        Long min = filter.getMinimumSize();
        Long max = filter.getMaximumSize();
        return Filter.of(filter.getFileMasks(), filter.getSubfolderMasks(), filter.isIgnoreCase())
                .sizeBetween(min == null ? 0 : min, max == null ? Long.MAX_VALUE : max)
                .modifiedAfter(filter.getModifiedAfter())
                .modifiedBefore(filter.getModifiedBefore());
    }

    private static SyncOptions options(JobOptions options) {
        if (options == null) {
            return options(SynclineFactory.eINSTANCE.createJobOptions());
        }
        DeleteHandling deletes = DeleteHandling.valueOf(options.getDeleteHandling().getName());
        if (deletes == DeleteHandling.PROPAGATE && options.isArchiveDeleted()) {
            deletes = DeleteHandling.ARCHIVE;
        }
        int kept = options.getRetentionCount();
        Retention retention = options.getRetentionKind() == RetentionKind.DAYS ? Retention.days(kept) : Retention.versions(kept);
        int olderThan = options.getDeleteOlderThanDays();
        return new SyncOptions(ConflictPolicy.valueOf(options.getConflictPolicy().getName()), deletes, options.isArchiveReplaced(),
                retention, new MassDeleteGuard(options.getMassDeleteWarnAfter(), options.getMassDeleteCancelAfter()),
                new RetryPolicy(options.getCopyRetryCount(), Duration.ofSeconds(options.getCopyRetryDelaySeconds())),
                options.isCopyPermissions(), options.isCopyAttributes(), options.isCompareAttributes(),
                options.isCompareContent(), options.isFileLocking(), olderThan == 0 ? null : Duration.ofDays(olderThan),
                SyncOptions.defaults().parallelCopies());
    }
}
