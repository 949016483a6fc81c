package org.syncline.sync.plan;

import org.syncline.sync.replica.DerivedName;
import org.syncline.sync.replica.RelativePath;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Names conflict copies {@code name.conflict-<machine>-<yyyyMMdd-HHmmss>.ext}, beside the original;
 * a long name's base is shortened so that the copy's name fits ({@link DerivedName}).
 */
final class ConflictNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** At most this much of the machine's name: a host name can be as long as a file name may be. */
    private static final int MACHINE_CHARS = 63;

    private ConflictNames() {
    }

    static String of(String path, String machine, Instant when, ZoneId zone) {
        String safeMachine = machine.replaceAll("[^A-Za-z0-9_-]", "_");
        if (safeMachine.length() > MACHINE_CHARS) {
            safeMachine = safeMachine.substring(0, MACHINE_CHARS);
        }
        String marker = ".conflict-" + safeMachine + "-" + STAMP.format(when.atZone(zone));
        return RelativePath.child(RelativePath.parent(path), DerivedName.of(RelativePath.name(path), marker));
    }
}
