package org.syncline.persistence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a saved job works, read without the rest of it: what a run checks against the other jobs.
 *
 * @param name           the job's name
 * @param rule           its rule, as the model's {@link org.syncline.model.Rule} names it
 * @param subfolderMasks its subfolder masks as saved
 * @param ignoreCase     whether its masks ignore case
 * @param folders        its paths' folders in order; {@code null} for a path on another machine
 */
public record JobOutline(String name, String rule, String subfolderMasks, boolean ignoreCase, List<String> folders) {

    public JobOutline {
        folders = Collections.unmodifiableList(new ArrayList<>(folders));
    }
}
