package org.syncline.sync.plan;

import org.junit.jupiter.api.Test;
import org.syncline.sync.job.Rule;
import org.syncline.sync.job.SyncJob;
import org.syncline.sync.job.SyncOptions;
import org.syncline.sync.replica.EntryType;
import org.syncline.sync.replica.ExtendedAttributes;
import org.syncline.sync.replica.MemoryReplica;
import org.syncline.sync.replica.Replica;
import org.syncline.sync.replica.ReplicaCapabilities;
import org.syncline.sync.replica.WriteRequest;
import org.syncline.sync.scan.Filter;
import org.syncline.sync.scan.ScanListener;
import org.syncline.sync.state.ReplicaState;
import org.syncline.sync.state.StateChanges;
import org.syncline.sync.state.SyncState;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reconciler logic on in-memory replicas: decisions only, nothing executed. */
class ReconcilerTest {

    private static final long T = 1_600_000_000_000L;
    private final Reconciler reconciler = new Reconciler(Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC));

    @Test
    void multiMirrorDoesNotPropagateDeleteOfFileNeverSynchronizedEverywhere() throws IOException {
        MemoryReplica a = new MemoryReplica("a");
        MemoryReplica b = new MemoryReplica("b");
        MemoryReplica c = new MemoryReplica("c");
        file(b, "f", "content", T);
        SyncState base = new SyncState();
        base.put(a.id(), "f", new ReplicaState(EntryType.FILE, 7, T, null));
        base.put(b.id(), "f", new ReplicaState(EntryType.FILE, 7, T, null));
        Plan plan = plan(Rule.MULTI_MIRROR, base, a, b, c);
        assertEquals(List.of("COPY f 1->0", "COPY f 1->2"), describe(plan), "restored, not deleted");

        base.put(c.id(), "f", new ReplicaState(EntryType.FILE, 7, T, null));
        file(c, "f", "content", T);
        assertEquals(List.of("DELETE f ->1", "DELETE f ->2"), describe(plan(Rule.MULTI_MIRROR, base, a, b, c)),
                "synchronized everywhere: the delete propagates");
    }

    @Test
    void multiMirrorFirstRunNeverDeletes() throws IOException {
        MemoryReplica a = new MemoryReplica("a");
        MemoryReplica b = new MemoryReplica("b");
        file(a, "only-a", "x", T);
        Plan plan = plan(Rule.MULTI_MIRROR, new SyncState(), a, b);
        assertEquals(List.of("COPY only-a 0->1"), describe(plan));
    }

    @Test
    void caseOnlyRenameOnMasterIsReportedAndAppliedSafely() throws IOException {
        MemoryReplica master = new MemoryReplica("m");
        MemoryReplica windows = new MemoryReplica("w", "win", ReplicaCapabilities.WINDOWS);
        file(master, "report.doc", "renamed", T);
        file(windows, "Report.doc", "renamed", T);
        Plan plan = plan(Rule.MIRROR, new SyncState(), master, windows);
        assertEquals(List.of("DELETE Report.doc ->1", "COPY report.doc 0->1", "WARNING report.doc"), describe(plan));
        assertTrue(plan.actions().get(2).reason().contains("case-only rename"), plan.actions().get(2).reason());
    }

    @Test
    void namesDifferingOnlyInCaseAreNotBothCopiedToCaseInsensitivePath() throws IOException {
        MemoryReplica master = new MemoryReplica("m");
        MemoryReplica windows = new MemoryReplica("w", "win", ReplicaCapabilities.WINDOWS);
        file(master, "A.txt", "upper", T);
        file(master, "a.txt", "lower", T);
        Plan plan = plan(Rule.MIRROR, new SyncState(), master, windows);
        assertEquals(List.of("COPY A.txt 0->1", "SKIP a.txt"), describe(plan));
        assertTrue(plan.actions().get(1).reason().contains("differ only in case"));
    }

    @Test
    void windowsReservedNamesAreSkippedForWindowsAndReportedOtherwise() throws IOException {
        MemoryReplica master = new MemoryReplica("m");
        file(master, "aux.txt", "x", T);
        file(master, "trailing.", "x", T);
        file(master, "fine.txt", "x", T);
        Plan toWindows = plan(Rule.MIRROR, new SyncState(), master, new MemoryReplica("w", "win", ReplicaCapabilities.WINDOWS));
        assertEquals(List.of("SKIP aux.txt", "COPY fine.txt 0->1", "SKIP trailing."), describe(toWindows));
        Plan toLinux = plan(Rule.MIRROR, new SyncState(), master, new MemoryReplica("l"));
        assertEquals(List.of("COPY aux.txt 0->1", "WARNING aux.txt", "COPY fine.txt 0->1", "COPY trailing. 0->1",
                "WARNING trailing."), describe(toLinux));
    }

    @Test
    void unreadableFolderProtectsItsWholeSubtree() throws IOException {
        MemoryReplica master = new MemoryReplica("m");
        MemoryReplica target = new MemoryReplica("t");
        master.mkdirs("locked");
        target.mkdirs("locked/sub");
        file(target, "locked/sub/precious", "keep me", T);
        Replica failing = new ListFailingReplica(master, "locked");
        Plan plan = plan(Rule.MIRROR, new SyncState(), failing, target);
        assertEquals(List.of("SKIP locked"), describe(plan), "nothing under the unreadable folder is deleted");
    }

    @Test
    void pathsOnlyInTheStateAreForgottenUnlessTheyLieInAProtectedFolder() throws IOException {
        MemoryReplica a = new MemoryReplica("a");
        MemoryReplica b = new MemoryReplica("b");
        a.mkdirs("locked");
        b.mkdirs("locked");
        SyncState base = new SyncState();
        for (Replica replica : List.of(a, b)) {
            base.put(replica.id(), "gone.txt", new ReplicaState(EntryType.FILE, 1, T, null));
            base.put(replica.id(), "locked/unseen.txt", new ReplicaState(EntryType.FILE, 1, T, null));
        }
        Plan plan = plan(Rule.MULTI_MIRROR, base, new ListFailingReplica(a, "locked"), b);

        List<String> changed = new ArrayList<>();
        try (StateChanges.Reader changes = plan.stateChanges().open()) {
            changes.forEachRemaining(change -> {
                changed.add(change.path());
                assertTrue(Arrays.stream(change.after()).allMatch(state -> state == null), change.path() + " is forgotten");
            });
        }
        assertEquals(List.of("gone.txt"), changed, "what lies under the unreadable folder keeps its state");
    }

    @Test
    void recentMasterCopyPicksNewestAcrossThreePaths() throws IOException {
        MemoryReplica a = new MemoryReplica("a");
        MemoryReplica b = new MemoryReplica("b");
        MemoryReplica c = new MemoryReplica("c");
        file(a, "f", "1", T);
        file(b, "f", "22", T + 5);
        file(c, "f", "333", T + 1);
        assertEquals(List.of("COPY f 1->0", "COPY f 1->2"), describe(plan(Rule.RECENT_MASTER_COPY, new SyncState(), a, b, c)));
    }

    @Test
    void aclOnlyDifferenceIsPlannedOnlyWhenComparedUnderAMasterRule() throws IOException {
        MemoryReplica master = new MemoryReplica("m");
        MemoryReplica target = new MemoryReplica("t");
        file(master, "f", "same", T);
        file(target, "f", "same", T);
        master.setExtendedAttributes("f", ExtendedAttributes.of(ExtendedAttributes.Kind.LINUX,
                Map.of("user.origin", "scanner".getBytes(StandardCharsets.UTF_8))));
        SyncOptions checking = SyncOptions.defaults().withCheckAcls(true);

        assertEquals(List.of(), describe(plan(Rule.MIRROR, new SyncState(), master, target)), "not compared by default");
        Plan checked = plan(Rule.MIRROR, checking, new SyncState(), master, target);
        assertEquals(List.of("SET_ATTRIBUTES f"), describe(checked));
        assertTrue(checked.actions().get(0).updatesExtendedAttributes());
        assertEquals("ACLs or extended attributes differ", checked.actions().get(0).reason());

        SyncState synced = new SyncState();
        synced.put(master.id(), "f", new ReplicaState(EntryType.FILE, 4, T, null));
        synced.put(target.id(), "f", new ReplicaState(EntryType.FILE, 4, T, null));
        assertEquals(List.of(), describe(plan(Rule.MULTI_MIRROR, checking, synced, master, target)),
                "without a master nobody can tell which side's ACL is the new one");

        target.setExtendedAttributes("f", master.readExtendedAttributes("f"));
        assertEquals(List.of(), describe(plan(Rule.MIRROR, checking, new SyncState(), master, target)));
    }

    private Plan plan(Rule rule, SyncState base, Replica... replicas) {
        return plan(rule, SyncOptions.defaults(), base, replicas);
    }

    private Plan plan(Rule rule, SyncOptions options, SyncState base, Replica... replicas) {
        List<String> names = java.util.Arrays.stream(replicas).map(Replica::toString).toList();
        SyncJob job = new SyncJob("j", names, rule, Filter.ALL, options);
        List<String> ids = java.util.Arrays.stream(replicas).map(Replica::id).toList();
        return reconciler.reconcile(job, List.of(replicas), base.read(ids), ScanListener.IGNORE);
    }

    private static List<String> describe(Plan plan) {
        return plan.actions().stream().map(a -> switch (a.type()) {
            case COPY -> "COPY " + a.path() + " " + a.source() + "->" + a.target();
            case DELETE, ARCHIVE, MKDIR -> a.type() + " " + a.path() + " ->" + a.target();
            default -> a.type() + " " + a.path();
        }).toList();
    }

    static void file(Replica replica, String path, String content, long mtime) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        replica.write(path, new ByteArrayInputStream(bytes), new WriteRequest(bytes.length, null, mtime, 0644, null));
    }
}
