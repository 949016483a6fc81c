package org.syncline.store;

import org.syncline.model.Job;
import org.syncline.model.JobPath;
import org.syncline.model.SynclineFactory;
import org.syncline.persistence.CatalogStore;
import org.syncline.persistence.ConcurrentChangeException;
import org.syncline.sync.job.InvalidJobException;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;

/**
 * The model Job row a sync core job runs under, found by name ({@link SyncJob#id()}): created
 * when missing with the job's local folders as paths; never moved to other folders (a job whose
 * row keeps other folders in step is refused); and, when asked, brought in line with the job's
 * rule, filter and options (see {@link JobDefinitions}). An unchanged row is not saved again, so
 * running a job does not disturb a workbench editing it.
 */
final class JobRows {

    private static final int ATTEMPTS = 3;

    private JobRows() {
    }

    /**
     * The saved Job named {@code job.id()}, created from {@code job} when missing.
     *
     * @param define whether an existing row takes the rule, filter and options of {@code job}
     * @throws InvalidJobException when the row's paths are not {@code job.paths()}
     */
    static Job save(CatalogStore catalogStore, SyncJob job, boolean define) {
        for (int attempt = 1;; attempt++) {
            Job row = catalogStore.loadJob(job.id()).orElse(null);
            if (row != null && !JobDefinitions.folders(row).equals(job.paths())) {
                throw InvalidJobException.otherPaths(job.id(), JobDefinitions.folders(row), job.paths());
            }
            if (row != null && (!define || definedAs(row, job))) {
                return row;
            }
            if (row == null) {
                row = SynclineFactory.eINSTANCE.createJob();
                row.setName(job.id());
                row.setDescription("Run by syncline sync");
                for (String folder : job.paths()) {
                    JobPath path = SynclineFactory.eINSTANCE.createJobPath();
                    path.setFolder(folder);
                    row.getPaths().add(path);
                }
                // Contained, as a loaded job is: an object without a container counts as a reference stub.
                SynclineFactory.eINSTANCE.createCatalog().getJobs().add(row);
            }
            JobDefinitions.write(job, row);
            try {
                catalogStore.save(row);
                return row;
            } catch (ConcurrentChangeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                // Another process saved the same job at the same moment: take its version.
            }
        }
    }

    /** Whether {@code row} already runs as {@code job}, parallel copies aside. */
    private static boolean definedAs(Job row, SyncJob job) {
        try {
            SyncJob saved = JobDefinitions.read(row);
            return saved.equals(new SyncJob(job.id(), job.paths(), job.rule(), job.filter(),
                    job.options().withParallelCopies(SyncOptions.defaults().parallelCopies())));
        } catch (InvalidJobException e) {
            return false;
        }
    }
}
