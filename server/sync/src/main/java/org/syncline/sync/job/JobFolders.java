package org.syncline.sync.job;

import org.syncline.masks.FolderMasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where another saved job works: enough of it to tell whether two jobs change the same folders.
 *
 * @param name        the job's name
 * @param rule        its rule
 * @param folders     its paths in order, each a full path of a folder of this computer, or
 *                    {@code null} for a path on another machine
 * @param folderMasks its subfolder masks
 */
public record JobFolders(String name, Rule rule, List<String> folders, FolderMasks folderMasks) {

    public JobFolders {
        folders = Collections.unmodifiableList(new ArrayList<>(folders));
    }
}
