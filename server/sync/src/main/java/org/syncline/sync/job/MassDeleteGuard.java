package org.syncline.sync.job;

/**
 * Protects against a vanished source (an unmounted disk looks empty): a plan that deletes at least
 * {@code warnAt} entries is logged as a warning; one that deletes at least {@code cancelAt} is
 * cancelled before anything is changed. 0 disables a threshold. Files removed where a file of the
 * same size and time is copied (likely moved or renamed: {@code Plan#likelyMoves}) do not count,
 * so renaming a big folder is not taken for a mass deletion.
 */
public record MassDeleteGuard(int warnAt, int cancelAt) {

    public static final MassDeleteGuard OFF = new MassDeleteGuard(0, 0);

    public MassDeleteGuard {
        if (warnAt < 0 || cancelAt < 0) {
            throw new IllegalArgumentException("mass-delete thresholds must not be negative");
        }
    }

    public boolean warns(int deletions) {
        return warnAt > 0 && deletions >= warnAt;
    }

    public boolean cancels(int deletions) {
        return cancelAt > 0 && deletions >= cancelAt;
    }
}
