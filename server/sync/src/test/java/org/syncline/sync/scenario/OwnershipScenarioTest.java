package org.syncline.sync.scenario;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncline.sync.SyncFixture;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.DelegatingReplica;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.replica.Ownership;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.replica.StagedWrite;
import org.syncline.sync.replica.WriteResult;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.RunSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.syncline.sync.Trees.LINK;
import static org.syncline.sync.Trees.T0;
import static org.syncline.sync.Trees.read;
import static org.syncline.sync.Trees.tree;
import static org.syncline.sync.Trees.write;

/**
 * Files, folders and links keep their owner and group on the paths they are copied to, as
 * {@code rsync -a} run as root keeps them: on a file server, a copy owned by the service's user
 * would lock its users out of their own files.
 */
class OwnershipScenarioTest extends TwoFolderScenario {

    @BeforeEach
    void runsAsRoot() throws IOException {
        Path probe = Files.writeString(temp.resolve("probe"), "");
        assumeTrue(owners(probe).uid() == 0, "only root may give files to other users");
        Files.delete(probe);
    }

    @Test
    void copiesAndNewFoldersGetTheirSourcesOwnerAndGroup() throws IOException {
        write(a, tree("alice/report.txt", "hers", "alice/private/notes.txt", "private", "bob/plan.txt", "his",
                "bob/current", LINK + "plan.txt", "shared.txt", "everyone's"), T0);
        chown(a.resolve("alice"), 1001, 100);
        chown(a.resolve("alice/report.txt"), 1001, 100);
        chown(a.resolve("alice/private"), 1001, 1001);
        chown(a.resolve("alice/private/notes.txt"), 1001, 1001);
        chown(a.resolve("bob"), 1002, 100);
        chown(a.resolve("bob/plan.txt"), 1002, 100);
        chown(a.resolve("bob/current"), 1002, 1002);

        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(read(a), read(b));
        assertEquals(ownersUnder(a), ownersUnder(b));
        assertEquals(new Ownership(1002, 1002), owners(b.resolve("bob/current")), "a link's own owner");

        chown(a.resolve("bob/plan.txt"), 1003, 100);
        Files.setPosixFilePermissions(a.resolve("bob/plan.txt"), PosixFilePermissions.fromString("rw-------"));
        assertTrue(fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary().succeeded());
        assertEquals(new Ownership(1003, 100), owners(b.resolve("bob/plan.txt")),
                "a permission change carries the owner along");
    }

    @Test
    void withoutCopyingPermissionsCopiesBelongToTheRunsUser() throws IOException {
        write(a, tree("alice/report.txt", "hers"), T0);
        chown(a.resolve("alice"), 1001, 100);
        chown(a.resolve("alice/report.txt"), 1001, 100);

        assertTrue(fixture.run(Rule.MIRROR, SyncOptions.defaults().withCopyPermissions(false), a, b).summary().succeeded());

        assertEquals(new Ownership(0, 0), owners(b.resolve("alice/report.txt")));
        assertEquals(new Ownership(0, 0), owners(b.resolve("alice")));
    }

    @Test
    void aTargetThatMayNotTakeOwnersGetsTheCopiesAllTheSameAndTheRunSaysSoOnce() throws IOException {
        write(a, tree("alice/report.txt", "hers", "alice/notes.txt", "notes"), T0);
        chown(a.resolve("alice"), 1001, 100);
        chown(a.resolve("alice/report.txt"), 1001, 100);
        chown(a.resolve("alice/notes.txt"), 1001, 100);
        Replica refusing = new DelegatingReplica(LocalReplica.open(b)) {
            @Override
            public boolean setOwner(String path, Ownership owner) {
                return false;
            }

            @Override
            public WriteResult commit(StagedWrite staged) throws IOException {
                WriteResult kept = super.commit(staged);
                return new WriteResult(kept.size(), kept.hash(), kept.attributesRefusedBy(), true);
            }
        };

        RunSummary summary = fixture.run(SyncFixture.job(Rule.MIRROR, SyncOptions.defaults(), Filter.ALL, a, b),
                List.of(LocalReplica.open(a), refusing)).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(read(a), read(b));
        List<FileAction> notices = fixture.runLog.actions(fixture.runLog.lastRunId()).stream()
                .filter(action -> action.action().equals(FileAction.ACLS)).toList();
        assertEquals(1, notices.size(), notices::toString);
        assertTrue(notices.get(0).message().startsWith("owners and groups are not kept here: only root may give"
                + " files to other users"), notices.get(0).message());
    }

    @Test
    void aChangeOfOwnerAloneIsHandedOnWithoutCopyingAgain() throws IOException {
        write(a, tree("alice/report.txt", "hers", "alice/link", LINK + "report.txt", "shared.txt", "everyone's"), T0);
        assertTrue(fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary().succeeded());
        assertTrue(LocalReplica.open(a).capabilities().owners(), "a replica opened by root compares owners");

        chown(a.resolve("alice"), 1001, 100);
        chown(a.resolve("alice/report.txt"), 1001, 1001);
        chown(a.resolve("alice/link"), 1001, 100);
        RunSummary summary = fixture.run(Rule.MIRROR, SyncOptions.defaults(), a, b).summary();

        assertTrue(summary.succeeded(), summary.message());
        assertEquals(0, summary.copied(), "owners are set, nothing is copied again");
        assertEquals(ownersUnder(a), ownersUnder(b));
        List<FileAction> updates = fixture.runLog.actions(fixture.runLog.lastRunId()).stream()
                .filter(action -> action.action().equals("SET_ATTRIBUTES")).toList();
        assertEquals(List.of("alice", "alice/link", "alice/report.txt"),
                updates.stream().map(FileAction::path).sorted().toList(), updates::toString);
        assertTrue(fixture.preview(Rule.MIRROR, SyncOptions.defaults(), a, b).plan().changesNothing(),
                "the next run has nothing to do");
    }

    @Test
    void withoutCopyingPermissionsAChangeOfOwnerIsLeftAlone() throws IOException {
        write(a, tree("report.txt", "hers"), T0);
        SyncOptions noPermissions = SyncOptions.defaults().withCopyPermissions(false);
        assertTrue(fixture.run(Rule.MIRROR, noPermissions, a, b).summary().succeeded());

        chown(a.resolve("report.txt"), 1001, 100);

        assertTrue(fixture.preview(Rule.MIRROR, noPermissions, a, b).plan().changesNothing());
        assertEquals(new Ownership(0, 0), owners(b.resolve("report.txt")));
    }

    private static void chown(Path path, int uid, int gid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    private static Ownership owners(Path path) throws IOException {
        Map<String, Object> ids = Files.readAttributes(path, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        return new Ownership((Integer) ids.get("uid"), (Integer) ids.get("gid"));
    }

    private static Map<String, Ownership> ownersUnder(Path root) throws IOException {
        Map<String, Ownership> owners = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.filter(path -> !path.equals(root)).toList()) {
                owners.put(root.relativize(path).toString(), owners(path));
            }
        }
        return owners;
    }
}
