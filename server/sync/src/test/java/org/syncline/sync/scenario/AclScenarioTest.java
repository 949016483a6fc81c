package org.syncline.sync.scenario;

import org.junit.jupiter.api.Test;
import org.syncline.sync.ScratchMount;
import org.syncline.sync.SyncFixture;
import org.syncline.sync.SyncRun;
import org.syncline.sync.exec.Cancellation;
import org.syncline.sync.exec.ProgressListener;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.plan.Action;
import org.syncline.sync.plan.ActionType;
import org.syncline.sync.plan.DelegatingReplica;
import org.syncline.sync.replica.ExtendedAttributes;
import org.syncline.sync.replica.FileEntry;
import org.syncline.sync.replica.LocalReplica;
import org.syncline.sync.replica.MemoryReplica;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.replica.ReplicaCapabilities;
import org.syncline.sync.replica.WriteRequest;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.state.FileAction;
import org.syncline.sync.state.Outcome;
import org.syncline.sync.state.RunSummary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.syncline.sync.Acls.getfacl;
import static org.syncline.sync.Acls.getfattr;
import static org.syncline.sync.Acls.setfacl;
import static org.syncline.sync.Acls.setfattr;
import static org.syncline.sync.Trees.T0;
import static org.syncline.sync.Trees.read;
import static org.syncline.sync.Trees.tree;
import static org.syncline.sync.Trees.write;

/**
 * ACLs and extended attributes through whole runs on real folders, set and checked with
 * {@code setfacl}/{@code getfacl} and {@code setfattr}/{@code getfattr}; targets that cannot hold
 * them are a ramfs and in-memory replicas.
 */
class AclScenarioTest extends TwoFolderScenario {

    private final SyncOptions defaults = SyncOptions.defaults();

    @Test
    void mirrorCopiesNamedUserAclUserAttributeAndDefaultAcl() throws IOException {
        write(a, tree("report.txt", "numbers", "plain.txt", "p", "shared/inside.txt", "in", "open/new.txt", "n"), T0);
        setfacl(a.resolve("report.txt"), "-m", "u:nobody:rw");
        setfattr(a.resolve("report.txt"), "user.origin", "scanner");
        setfacl(a.resolve("shared"), "-m", "u:nobody:rx");
        setfacl(a.resolve("shared"), "-d", "-m", "u:nobody:rwx");
        setfacl(Files.createDirectories(b.resolve("open")), "-d", "-m", "u:nobody:rwx");

        RunSummary summary = fixture.run(Rule.MIRROR, defaults, a, b).summary();

        assertTrue(summary.succeeded(), actions().toString());
        assertEquals(read(a), read(b));
        assertTrue(getfacl(b.resolve("report.txt")).contains("user:65534:rw-"), getfacl(b.resolve("report.txt")));
        assertTrue(getfacl(b.resolve("shared")).contains("default:user:65534:rwx"), getfacl(b.resolve("shared")));
        for (String path : List.of("report.txt", "plain.txt", "shared", "shared/inside.txt", "open/new.txt")) {
            assertEquals(getfacl(a.resolve(path)), getfacl(b.resolve(path)), path);
        }
        assertEquals(getfattr(a.resolve("report.txt"), "^user\\."), getfattr(b.resolve("report.txt"), "^user\\."));
        assertTrue(getfattr(b.resolve("report.txt"), "^user\\.").contains("user.origin=\"scanner\""));
    }

    @Test
    void foldersCreatedForACopiedFileGetTheSourceFoldersAclsModeAndTime() throws IOException {
        write(a, tree("shared/deep/new.txt", "n"), T0);
        write(b, tree("shared/deep/", ""), T0);
        for (Path root : List.of(a, b)) {
            Files.setPosixFilePermissions(root.resolve("shared"), PosixFilePermissions.fromString("rwxr-x---"));
            Files.setPosixFilePermissions(root.resolve("shared/deep"), PosixFilePermissions.fromString("rwxrwx---"));
        }
        setfacl(a.resolve("shared"), "-m", "u:nobody:rx");
        setfacl(a.resolve("shared/deep"), "-m", "u:nobody:rwx");
        setfacl(a.resolve("shared/deep"), "-d", "-m", "u:nobody:rwx");
        setfattr(a.resolve("shared/deep"), "user.origin", "scanner");
        for (Path root : List.of(a, b)) {
            Files.setLastModifiedTime(root.resolve("shared/deep"), FileTime.fromMillis(T0 + 1000));
            Files.setLastModifiedTime(root.resolve("shared"), FileTime.fromMillis(T0 + 2000));
        }
        Replica target = new DelegatingReplica(LocalReplica.open(b)) {
            private boolean removed;

            /** Another process removes the folders after the scan, when the copy first looks at its target. */
            @Override
            public Optional<FileEntry> stat(String path) throws IOException {
                if (path.equals("shared/deep/new.txt") && !removed) {
                    removed = true;
                    Files.delete(b.resolve("shared/deep"));
                    Files.delete(b.resolve("shared"));
                }
                return super.stat(path);
            }
        };

        RunSummary summary = runOn(LocalReplica.open(a), target);

        assertTrue(summary.succeeded(), actions().toString());
        assertEquals(read(a), read(b));
        for (String folder : List.of("shared", "shared/deep")) {
            Path made = b.resolve(folder);
            assertEquals(getfacl(a.resolve(folder)), getfacl(made), folder);
            assertEquals(getfattr(a.resolve(folder), "^user\\."), getfattr(made, "^user\\."), folder);
            assertEquals(Files.getPosixFilePermissions(a.resolve(folder)), Files.getPosixFilePermissions(made), folder);
            assertEquals(Files.getLastModifiedTime(a.resolve(folder)), Files.getLastModifiedTime(made), folder);
        }
        assertTrue(getfacl(b.resolve("shared/deep")).contains("default:user:65534:rwx"));
    }

    @Test
    void aclOnlyChangeIsUpdatedWhenAclsAreChecked() throws IOException {
        write(a, tree("report.txt", "numbers", "shared/inside.txt", "in"), T0);
        setfacl(a.resolve("report.txt"), "-m", "u:nobody:r");
        setfacl(a.resolve("shared"), "-m", "u:nobody:rx");
        fixture.run(Rule.MIRROR, defaults, a, b);
        setfacl(a.resolve("report.txt"), "-m", "u:daemon:r");
        setfattr(a.resolve("report.txt"), "user.origin", "changed");
        setfacl(a.resolve("shared"), "-m", "u:daemon:rx");

        SyncRun.Result unchecked = fixture.run(Rule.MIRROR, defaults, a, b);
        assertTrue(unchecked.summary().succeeded(), unchecked.summary().toString());
        assertEquals(List.of(), changes(),
                "by default an ACL-only change is not looked for: it travels with the next content change");
        assertNotEquals(getfacl(a.resolve("report.txt")), getfacl(b.resolve("report.txt")));

        SyncRun.Result checked = fixture.run(Rule.MIRROR, defaults.withCheckAcls(true), a, b);
        assertEquals(List.of("SET_ATTRIBUTES report.txt", "SET_ATTRIBUTES shared"), changes());
        assertTrue(checked.summary().succeeded(), checked.summary().toString());
        assertEquals(getfacl(a.resolve("report.txt")), getfacl(b.resolve("report.txt")));
        assertEquals(getfacl(a.resolve("shared")), getfacl(b.resolve("shared")));
        assertEquals(getfattr(a.resolve("report.txt"), "^user\\."), getfattr(b.resolve("report.txt"), "^user\\."));
        assertTrue(fixture.run(Rule.MIRROR, defaults.withCheckAcls(true), a, b).plan().changesNothing());

        setfacl(a.resolve("report.txt"), "-b");
        fixture.run(Rule.MIRROR, defaults.withCheckAcls(true), a, b);
        assertEquals(getfacl(a.resolve("report.txt")), getfacl(b.resolve("report.txt")));
        assertFalse(getfacl(b.resolve("report.txt")).contains("mask::"), "a removed ACL is removed on the target too");
    }

    @Test
    void noAclsCopiesContentWithoutThem() throws IOException {
        write(a, tree("report.txt", "numbers", "shared/inside.txt", "in"), T0);
        setfacl(a.resolve("report.txt"), "-m", "u:nobody:rw");
        setfattr(a.resolve("report.txt"), "user.origin", "scanner");
        setfacl(a.resolve("shared"), "-d", "-m", "u:nobody:rwx");

        assertTrue(fixture.run(Rule.MIRROR, defaults.withCopyAcls(false), a, b).summary().succeeded());

        assertEquals(read(a), read(b));
        assertFalse(getfacl(b.resolve("report.txt")).contains("user:65534"));
        assertEquals("", getfattr(b.resolve("report.txt"), "^user\\."));
        assertFalse(getfacl(b.resolve("shared")).contains("default:"));
    }

    @Test
    void refusedAclFailsThatFileAloneWithAClearMessage() throws Exception {
        write(a, tree("locked.txt", "l", "open.txt", "o"), T0);
        fixture.run(Rule.MIRROR, defaults, a, b);
        setfacl(a.resolve("locked.txt"), "-m", "u:nobody:r");
        setfacl(a.resolve("open.txt"), "-m", "u:nobody:r");
        Path locked = b.resolve("locked.txt");
        assumeTrue(new ProcessBuilder("chattr", "+i", locked.toString()).start().waitFor() == 0,
                "needs chattr to make a file immutable even for root");
        try {
            RunSummary summary = fixture.run(Rule.MIRROR, defaults.withCheckAcls(true), a, b).summary();
            assertEquals(1, summary.errors());
            FileAction failure = actions().stream().filter(action -> action.outcome() == Outcome.FAILED)
                    .findFirst().orElseThrow();
            assertEquals("locked.txt", failure.path());
            assertTrue(failure.message().startsWith("permission denied: " + locked), failure.message());
            assertTrue(failure.message().contains("cannot set its ACL"), failure.message());
        } finally {
            new ProcessBuilder("chattr", "-i", locked.toString()).start().waitFor();
        }
        assertEquals(getfacl(a.resolve("open.txt")), getfacl(b.resolve("open.txt")), "the other file was updated");
    }

    @Test
    void targetFileSystemWithoutAttributesIsWarnedAboutOncePerRun() throws Exception {
        write(a, tree("one.txt", "1", "two.txt", "2", "folder/three.txt", "3"), T0);
        for (String path : List.of("one.txt", "two.txt", "folder/three.txt", "folder")) {
            setfacl(a.resolve(path), "-m", "u:nobody:r");
        }
        try (ScratchMount usb = ScratchMount.ramfs(temp.resolve("usb"))) {
            RunSummary summary = fixture.run(Rule.MIRROR, defaults, a, usb.path()).summary();

            assertTrue(summary.succeeded(), actions().toString());
            assertEquals(3, summary.copied());
            assertEquals(read(a), read(usb.path()));
            List<FileAction> warnings = aclWarnings();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).message().contains("(ramfs on "), warnings.get(0).message());
            assertEquals(usb.path().toString(), warnings.get(0).replica());
        }
    }

    @Test
    void replicaRefusingAttributesGetsTheContentAndOneWarning() throws IOException {
        MemoryReplica source = new MemoryReplica("source");
        MemoryReplica target = new MemoryReplica("target");
        target.refuseExtendedAttributes("vfat on /media/usb");
        ExtendedAttributes tagged = ExtendedAttributes.of(ExtendedAttributes.Kind.LINUX,
                Map.of("user.origin", bytes("scanner")));
        source.mkdirs("folder", tagged);
        file(source, "folder/a.txt", tagged);
        file(source, "b.txt", tagged);

        RunSummary summary = runOn(source, target);

        assertTrue(summary.succeeded(), actions().toString());
        assertEquals(2, summary.copied());
        List<FileAction> warnings = aclWarnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).message().contains("vfat on /media/usb"), warnings.get(0).message());
        assertEquals(Outcome.WARNING, warnings.get(0).outcome());
    }

    @Test
    void attributesOfAnotherPlatformAreNotCopiedAndSaidOnce() throws IOException {
        MemoryReplica source = new MemoryReplica("linux");
        MemoryReplica windows = new MemoryReplica("windows", "win", ReplicaCapabilities.WINDOWS);
        ExtendedAttributes tagged = ExtendedAttributes.of(ExtendedAttributes.Kind.LINUX,
                Map.of("user.origin", bytes("scanner")));
        file(source, "a.txt", tagged);
        file(source, "b.txt", tagged);

        RunSummary summary = runOn(source, windows);

        assertTrue(summary.succeeded(), actions().toString());
        assertEquals(2, summary.copied());
        assertTrue(windows.readExtendedAttributes("a.txt").isEmpty());
        List<FileAction> warnings = aclWarnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).message().contains("keeps only WINDOWS ones"), warnings.get(0).message());
    }

    private RunSummary runOn(Replica... replicas) throws IOException {
        List<Replica> paths = List.of(replicas);
        return new SyncRun(fixture.state, fixture.runLog, fixture.clock()).run(
                new org.syncline.sync.job.SyncJob("memory", paths.stream().map(Replica::toString).toList(),
                        Rule.MIRROR, Filter.ALL, defaults),
                paths, new Cancellation(), ProgressListener.NONE).summary();
    }

    private static void file(Replica replica, String path, ExtendedAttributes attributes) throws IOException {
        byte[] content = bytes(path);
        replica.write(path, new ByteArrayInputStream(content),
                new WriteRequest(content.length, null, T0, 0644, null, attributes));
    }

    /** What the last run changed, as "TYPE path" from its run log (the plan is closed after a run). */
    private List<String> changes() {
        return actions().stream().filter(action -> changesSomething(action.action()))
                .map(action -> action.action() + " " + action.path()).sorted().toList();
    }

    private static boolean changesSomething(String kind) {
        for (ActionType type : ActionType.values()) {
            if (type.name().equals(kind)) {
                return type.changesSomething();
            }
        }
        return false;
    }

    private List<FileAction> actions() {
        return fixture.runLog.actions(fixture.runLog.lastRunId());
    }

    private List<FileAction> aclWarnings() {
        return actions().stream().filter(action -> action.action().equals("ACLS")).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
