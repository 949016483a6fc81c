package org.syncline.sync.scan;

import org.syncline.masks.FolderMasks;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.JobFolders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds local job folders that are one and the same folder, or one inside another, before a run
 * touches them. A folder inside another is scanned as part of it: every run would copy the outer
 * folder into itself once more (a tree that grows without end), and a rule that deletes could
 * delete files of its own source through the inner folder. A folder inside another is allowed when
 * the job's subfolder masks leave it out of the outer one's scan, as rsync's {@code --exclude} does.
 *
 * <p>Folders are compared as the file system resolves them: symbolic links are followed, and a
 * folder that does not exist yet (a follower the run would create) is placed by its nearest
 * existing ancestor; where two names may lead to one folder (case-insensitive volumes), the file
 * system is asked whether they do. Not detected: a folder reached through a bind mount at a place
 * of a different depth.
 */
public final class FolderOverlap {

    private FolderOverlap() {
    }

    /**
     * Describes the first overlap among {@code folders}, in the user's words and with what to do, or
     * nothing when the folders are apart.
     *
     * @param folders the job's folders, as given (absolute or relative to the working directory)
     * @param masks   the job's subfolder masks
     */
    public static Optional<String> find(List<Path> folders, FolderMasks masks) {
        List<Path> located = folders.stream().map(FolderOverlap::locate).toList();
        for (int outer = 0; outer < folders.size(); outer++) {
            for (int inner = 0; inner < folders.size(); inner++) {
                if (inner == outer) {
                    continue;
                }
                Optional<String> relative = inside(located.get(inner), located.get(outer));
                if (relative.isEmpty()) {
                    continue;
                }
                String given = folders.get(inner) + " and " + folders.get(outer);
                if (relative.get().isEmpty()) {
                    if (inner < outer) {
                        String link = resolvedAs(folders.get(outer), located.get(outer));
                        return Optional.of(given + " are the same folder"
                                + (link.isEmpty() ? resolvedAs(folders.get(inner), located.get(inner)) : link)
                                + ": a job synchronizes different folders; give each folder once.");
                    }
                    continue;
                }
                if (excluded(relative.get(), masks)) {
                    continue;
                }
                String mask = mask(relative.get());
                return Optional.of(folders.get(inner) + " is inside " + folders.get(outer)
                        + resolvedAs(folders.get(inner), located.get(inner))
                        + ", so every run would copy " + folders.get(outer) + " into itself once more, and a rule that"
                        + " deletes could delete files from its own source. Choose folders that are not inside one"
                        + " another, or leave the inner one out with the subfolder mask " + mask
                        + " (--folders on the command line).");
            }
        }
        return Optional.empty();
    }

    /**
     * Describes the first folder that {@code job} and one of {@code others} (other saved jobs) both
     * change while one of the two makes it follow its master, in the user's words and with what to
     * do, or nothing. There one job undoes on every run what the other did (a mirror deletes what its
     * master lacks, and the other job brings it back): two mirrors into one backup folder, or a
     * mirror's target that another job also writes to. Jobs that only read a folder, or that all
     * merge changes into it (several MULTI_MIRROR jobs through one hub), may share it; so may
     * folders that the outer one's subfolder masks leave out.
     */
    public static Optional<String> withOtherJobs(SyncJob job, List<JobFolders> others) {
        for (JobFolders other : others) {
            if (other.name().equals(job.id())) {
                continue;
            }
            for (int mine = 0; mine < job.paths().size(); mine++) {
                for (int theirs = 0; theirs < other.folders().size(); theirs++) {
                    String folder = other.folders().get(theirs);
                    if (folder == null || !job.rule().changes(mine) || !other.rule().changes(theirs)
                            || !job.rule().follows(mine) && !other.rule().follows(theirs)) {
                        continue;
                    }
                    Optional<String> clash = clash(job, mine, other, theirs);
                    if (clash.isPresent()) {
                        return clash;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> clash(SyncJob job, int mine, JobFolders other, int theirs) {
        Path given = Path.of(job.paths().get(mine));
        Path otherGiven = Path.of(other.folders().get(theirs));
        Path located = locate(given);
        Path otherLocated = locate(otherGiven);
        String job2 = "job '" + other.name() + "'";
        String where;
        String mask = "";
        Optional<String> theirsInside = inside(otherLocated, located);
        Optional<String> mineInside = inside(located, otherLocated);
        if (theirsInside.isPresent() && theirsInside.get().isEmpty()) {
            where = given + " is also a folder of " + job2;
        } else if (theirsInside.isPresent()) {
            if (excluded(theirsInside.get(), job.filter().folders())) {
                return Optional.empty();
            }
            where = otherGiven + ", a folder of " + job2 + ", is inside " + given;
            mask = ", or leave " + otherGiven + " out of this job with the subfolder mask " + mask(theirsInside.get())
                    + " (--folders on the command line)";
        } else if (mineInside.isPresent()) {
            if (excluded(mineInside.get(), other.folderMasks())) {
                return Optional.empty();
            }
            where = given + " is inside " + otherGiven + ", a folder of " + job2;
            mask = ", or leave " + given + " out of " + job2 + " with the subfolder mask " + mask(mineInside.get());
        } else {
            return Optional.empty();
        }
        String follower = job.rule().follows(mine)
                ? "this job makes " + given + " follow " + job.paths().get(0) + ", so each run would undo there what " + job2
                + " changes, and " + job2 + " would change it again"
                : job2 + " makes " + otherGiven + " follow " + other.folders().get(0) + ", so each of its runs would undo"
                + " there what this job changes, and this job would change it again";
        return Optional.of(where + resolvedAs(given, located) + ", and " + follower + " (a mirror deletes what its master"
                + " lacks). Give the two jobs folders apart" + mask + ", or, if " + job2 + " is no longer used, delete it"
                + " (syncline jobs --delete '" + other.name() + "').");
    }

    private static String mask(String relative) {
        return "-\\" + relative.replace('/', '\\') + "\\";
    }

    /**
     * The first of {@code folders} that {@code candidate} is, or lies inside, as the file system
     * resolves them; nothing when it is outside them all.
     */
    public static Optional<Path> containing(Path candidate, List<Path> folders) {
        Path located = locate(candidate);
        return folders.stream().filter(folder -> inside(located, locate(folder)).isPresent()).findFirst();
    }

    /**
     * The absolute, real path of {@code folder}: its nearest existing ancestor with links resolved,
     * followed by the names that do not exist yet.
     */
    private static Path locate(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    /**
     * The path of {@code inner} relative to {@code outer}, names separated by {@code /} (empty: the
     * same folder), or nothing when it is not inside.
     */
    private static Optional<String> inside(Path inner, Path outer) {
        int depth = outer.getNameCount();
        if (inner.getNameCount() < depth || !inner.getRoot().equals(outer.getRoot())) {
            return Optional.empty();
        }
        Path ancestor = inner.getRoot().resolve(depth == 0 ? "" : inner.subpath(0, depth).toString());
        if (!ancestor.equals(outer) && !sameFolder(ancestor, outer)) {
            return Optional.empty();
        }
        return Optional.of(depth == inner.getNameCount() ? ""
                : inner.subpath(depth, inner.getNameCount()).toString().replace(inner.getFileSystem().getSeparator(), "/"));
    }

    /** Whether two existing folders are one (two names for it on a case-insensitive volume); false if either cannot be read. */
    private static boolean sameFolder(Path one, Path other) {
        try {
            return Files.isDirectory(one) && Files.isDirectory(other) && Files.isSameFile(one, other);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the subfolder masks leave the folder at {@code relative} out of the outer folder's scan. */
    private static boolean excluded(String relative, FolderMasks masks) {
        FolderMasks.Decision decision = masks.rootDecision();
        StringBuilder path = new StringBuilder();
        for (String name : relative.split("/")) {
            path.append(path.isEmpty() ? "" : "/").append(name);
            decision = masks.decide(path.toString(), decision);
            if (decision == FolderMasks.Decision.EXCLUDE) {
                return true;
            }
        }
        return false;
    }

    /** " (as /real/path)" when links or relative names hide where {@code given} really is. */
    private static String resolvedAs(Path given, Path located) {
        return given.toAbsolutePath().normalize().equals(located) ? "" : " (" + given + " is " + located + ")";
    }
}
