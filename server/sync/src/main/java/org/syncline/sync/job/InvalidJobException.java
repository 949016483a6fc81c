package org.syncline.sync.job;

import java.util.List;

/**
 * A saved job that cannot be run as asked: it does not exist, it is defined with folders this
 * process cannot reach or settings that cannot be used, or it keeps other folders in step than
 * the ones given. The message is a sentence for the user saying what to do; nothing was changed.
 */
public final class InvalidJobException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidJobException(String message) {
        super(message);
    }

    /** A job asked for with folders other than its own. */
    public static InvalidJobException otherPaths(String name, List<String> saved, List<String> given) {
        return new InvalidJobException("Job '" + name + "' keeps " + String.join(" and ", saved) + " in step, not "
                + String.join(" and ", given) + ": run it without folders (syncline sync --job " + name
                + "), or give these folders another job name.");
    }
}
