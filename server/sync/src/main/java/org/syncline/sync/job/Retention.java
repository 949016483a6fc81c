package org.syncline.sync.job;

/**
 * How long archived versions are kept in a path's archive folder: the newest {@code versions} of
 * each file, or every version younger than {@code days} days. Exactly one of the two is positive,
 * or both are 0 to keep everything.
 */
public record Retention(int versions, int days) {

    /** Keep every archived version. */
    public static final Retention KEEP_ALL = new Retention(0, 0);

    public Retention {
        if (versions < 0 || days < 0 || (versions > 0 && days > 0)) {
            throw new IllegalArgumentException("keep either N versions or N days, not both and not negative");
        }
    }

    public static Retention versions(int count) {
        return new Retention(count, 0);
    }

    public static Retention days(int count) {
        return new Retention(0, count);
    }
}
