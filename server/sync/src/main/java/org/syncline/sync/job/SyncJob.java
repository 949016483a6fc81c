package org.syncline.sync.job;

import org.syncline.sync.scan.Filter;

import java.util.List;
import java.util.Objects;

/**
 * What the sync core needs to know about a job: its identity, its paths (the first is the master
 * where the rule has one), the rule, the filter and the options. The sync core's own immutable
 * view; the EMF model's Job converts to it.
 *
 * @param id      stable identity under which state and run history are kept
 * @param paths   two or more locations, as the user wrote them
 */
public record SyncJob(String id, List<String> paths, Rule rule, Filter filter, SyncOptions options) {

    public SyncJob {
        Objects.requireNonNull(id, "id");
        paths = List.copyOf(paths);
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(options, "options");
        if (paths.size() < 2 && rule != Rule.DELETE && rule != Rule.SKIP) {
            throw new IllegalArgumentException("a " + rule + " job needs at least two paths, got " + paths.size());
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one path");
        }
    }
}
