package org.syncline.sync.exec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.sync.job.Retention;
import org.syncline.sync.replica.DerivedName;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.RelativePath;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.scan.Scanner;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names archived versions and prunes them. A version of {@code dir/report.doc} archived at a given
 * instant lives at {@code .syncline-archive/dir/report~20250131-142501-123.doc} on the same path
 * (replica), so it is one rename away and never leaves the replica; a long name's base is shortened
 * so that the version's name fits ({@link DerivedName}). Thread-safe.
 */
public final class Archiver {

    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    /** Bytes of a version's marker: {@code ~} and the stamp. */
    private static final int MARKER_BYTES = 1 + "yyyyMMdd-HHmmss-SSS".length();

    private final ZoneId zone;

    public Archiver(ZoneId zone) {
        this.zone = zone;
    }

    /** Where the version of {@code path} archived at {@code when} goes. */
    public String archivePathOf(String path, Instant when) {
        String versioned = split(RelativePath.name(path)).with("~" + STAMP.format(when.atZone(zone)));
        String parent = RelativePath.parent(path);
        String folder = parent.isEmpty() ? Scanner.ARCHIVE_FOLDER : Scanner.ARCHIVE_FOLDER + "/" + parent;
        return RelativePath.child(folder, versioned);
    }

    /**
     * Removes archived versions of {@code path} that the retention no longer keeps.
     *
     * @return how many versions were removed
     */
    public int prune(Replica replica, String path, Retention retention, Instant now) throws IOException {
        if (retention.versions() == 0 && retention.days() == 0) {
            return 0;
        }
        DerivedName name = split(RelativePath.name(path));
        Pattern version = Pattern.compile(Pattern.quote(name.base()) + "~(\\d{8}-\\d{6}-\\d{3})" + Pattern.quote(name.extension()));
        String folder = RelativePath.parent(archivePathOf(path, now));
        List<FileEntry> versions;
        try (Stream<FileEntry> children = replica.list(folder)) {
            versions = children.filter(e -> e.isCopyable() && version.matcher(e.name()).matches())
                    .sorted(Comparator.comparing(FileEntry::name).reversed())
                    .toList();
        } catch (NoSuchFileException e) {
            return 0;
        }
        int removed = 0;
        for (int i = 0; i < versions.size(); i++) {
            FileEntry candidate = versions.get(i);
            boolean expired = retention.versions() > 0 ? i >= retention.versions()
                    : stampOf(version, candidate.name()).isBefore(now.minusSeconds(86_400L * retention.days()));
            if (expired) {
                replica.delete(candidate.path());
                LOG.debug("Pruned archived version {} on {}", candidate.path(), replica);
                removed++;
            }
        }
        return removed;
    }

    /** A name's base and extension around the marker of its versions ({@code ~} and the stamp). */
    private static DerivedName split(String name) {
        return DerivedName.of(name, MARKER_BYTES);
    }

    private Instant stampOf(Pattern version, String name) {
        Matcher matcher = version.matcher(name);
        matcher.matches();
        return LocalDateTime.parse(matcher.group(1), STAMP).atZone(zone).toInstant();
    }
}
