package org.syncline.sync.scan;

/** Hears about entries the scanner leaves out for a reason the user should see. Must be thread-safe. */
@FunctionalInterface
public interface ScanListener {

    /** Ignores every report. */
    ScanListener IGNORE = (path, reason) -> { };

    /**
     * An entry was left out of the scan.
     *
     * @param path   its relative path
     * @param reason why, in the user's words
     */
    void skipped(String path, String reason);
}
