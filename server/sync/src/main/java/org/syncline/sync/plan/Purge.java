package org.syncline.sync.plan;

/**
 * {@link org.syncline.sync.job.Rule#DELETE}: every selected file or symbolic link (the scan already applied masks,
 * ranges and the age limit) is removed from every path, as the job's delete handling says. Folders
 * stay.
 */
final class Purge implements RuleStrategy {

    @Override
    public void decide(RowPlan plan) {
        for (int i = 0; i < plan.width(); i++) {
            if (plan.entry(i) != null && plan.entry(i).isCopyable()) {
                plan.delete(i, "selected for purging by the job's filter");
            }
        }
    }
}
