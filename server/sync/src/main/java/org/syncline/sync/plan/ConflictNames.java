package org.syncline.sync.plan;

import org.syncline.sync.replica.RelativePath;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Names conflict copies {@code name.conflict-<machine>-<yyyyMMdd-HHmmss>.ext}, beside the original. */
final class ConflictNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ConflictNames() {
    }

    static String of(String path, String machine, Instant when, ZoneId zone) {
        String name = RelativePath.name(path);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String safeMachine = machine.replaceAll("[^A-Za-z0-9_-]", "_");
        String conflictName = base + ".conflict-" + safeMachine + "-" + STAMP.format(when.atZone(zone)) + extension;
        return RelativePath.child(RelativePath.parent(path), conflictName);
    }
}
