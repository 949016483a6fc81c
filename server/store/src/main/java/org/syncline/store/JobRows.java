package org.syncline.store;

import java.util.List;

import org.syncline.model.Catalog;
import org.syncline.model.ConflictPolicy;
import org.syncline.model.DeleteHandling;
import org.syncline.model.Job;
import org.syncline.model.JobOptions;
import org.syncline.model.JobPath;
import org.syncline.model.Rule;
import org.syncline.model.SynclineFactory;
import org.syncline.persistence.CatalogStore;
import org.syncline.persistence.ConcurrentChangeException;
import org.syncline.sync.job.SyncJob;

/**
 * The model Job row a sync core job runs under, so that its runs and replica states hang off a
 * real Job: found by name ({@link SyncJob#id()}), created when missing, and brought in line when
 * its paths or rule differ. Paths are local folders (no machine). Only the rule and the conflict
 * and delete policies are copied into the row; the other options stay the model's defaults.
 */
final class JobRows {

    private static final int ATTEMPTS = 3;

    private JobRows() {
    }

    /** The saved Job named {@code job.id()}, whose paths are {@code job.paths()} in order. */
    static Job findOrCreate(CatalogStore catalogStore, SyncJob job) {
        for (int attempt = 1;; attempt++) {
            Catalog catalog = catalogStore.load();
            Job row = catalog.getJobs().stream().filter(j -> job.id().equals(j.getName())).findFirst().orElse(null);
            if (row != null && matches(row, job)) {
                return row;
            }
            if (row == null) {
                row = SynclineFactory.eINSTANCE.createJob();
                row.setName(job.id());
                row.setDescription("Run by syncline sync");
                row.setFilter(SynclineFactory.eINSTANCE.createFileFilter());
                row.setOptions(SynclineFactory.eINSTANCE.createJobOptions());
                catalog.getJobs().add(row);
            }
            update(row, job);
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

    private static boolean matches(Job row, SyncJob job) {
        List<String> folders = row.getPaths().stream().map(path -> path.getMachine() == null ? path.getFolder() : null).toList();
        return folders.equals(job.paths()) && row.getRule() == rule(job) && row.getOptions() != null
                && row.getOptions().getConflictPolicy().getName().equals(job.options().conflictPolicy().name())
                && row.getOptions().getDeleteHandling().getName().equals(job.options().deleteHandling().name());
    }

    private static void update(Job row, SyncJob job) {
        row.setRule(rule(job));
        JobOptions options = row.getOptions();
        ConflictPolicy policy = ConflictPolicy.get(job.options().conflictPolicy().name());
        options.setConflictPolicy(policy == null ? ConflictPolicy.NEWEST_WINS : policy);
        DeleteHandling deletes = DeleteHandling.get(job.options().deleteHandling().name());
        options.setDeleteHandling(deletes == null ? DeleteHandling.PROPAGATE : deletes);
        List<JobPath> kept = new java.util.ArrayList<>();
        for (String folder : job.paths()) {
            JobPath path = row.getPaths().stream()
                    .filter(p -> p.getMachine() == null && folder.equals(p.getFolder()) && !kept.contains(p))
                    .findFirst().orElseGet(() -> {
                        JobPath created = SynclineFactory.eINSTANCE.createJobPath();
                        created.setFolder(folder);
                        return created;
                    });
            kept.add(path);
        }
        row.getPaths().clear();
        row.getPaths().addAll(kept);
    }

    private static Rule rule(SyncJob job) {
        return Rule.valueOf(job.rule().name());
    }
}
