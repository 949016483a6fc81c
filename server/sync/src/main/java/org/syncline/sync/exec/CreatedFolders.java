package org.syncline.sync.exec;

import org.syncline.sync.plan.Action;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.replica.FileEntry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The folders a run created on its targets, each with the source folder it stands for. Their
 * permissions and modification time are set only after all content is written (the executor's
 * last phase, deepest first): every entry put in a folder moves its time, and a folder without
 * write permission would refuse its content. Thread-safe: copy threads add the folders they
 * create above their files.
 */
final class CreatedFolders {

    private final Map<String, Action> stamps = new ConcurrentHashMap<>();

    /** Records that {@code path} was created on {@code target} as a copy of the source folder {@code sourceFolder}. */
    void add(String path, int source, int target, FileEntry sourceFolder, String reason) {
        stamps.putIfAbsent(key(target, path), new Action(ActionType.SET_ATTRIBUTES, path, source, target,
                sourceFolder, null, null, false, reason));
    }

    /**
     * The actions that give each created folder its source folder's permissions and time, leaving
     * out the folders for which the plan has such an action already.
     *
     * @param planned keys ({@link #key}) of the folders the plan gives attributes
     */
    List<Action> stampsExcept(Set<String> planned) {
        return stamps.entrySet().stream().filter(stamp -> !planned.contains(stamp.getKey()))
                .map(Map.Entry::getValue).toList();
    }

    /** Identifies a path on one target. */
    static String key(int target, String path) {
        return target + "\n" + path;
    }
}
