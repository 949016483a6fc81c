package org.syncline.persistence.tests;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.syncline.model.Catalog;
import org.syncline.model.ConflictPolicy;
import org.syncline.model.DeleteHandling;
import org.syncline.model.Entity;
import org.syncline.model.FileAction;
import org.syncline.model.FileActionKind;
import org.syncline.model.FileActionOutcome;
import org.syncline.model.Job;
import org.syncline.model.JobPath;
import org.syncline.model.Machine;
import org.syncline.model.MachineConnection;
import org.syncline.model.ManagedObject;
import org.syncline.model.MissedRunPolicy;
import org.syncline.model.Permission;
import org.syncline.model.RealTimeMonitor;
import org.syncline.model.ReplicaState;
import org.syncline.model.RescheduleFrom;
import org.syncline.model.RetentionKind;
import org.syncline.model.Rule;
import org.syncline.model.Run;
import org.syncline.model.RunOrigin;
import org.syncline.model.RunOutcome;
import org.syncline.model.Schedule;
import org.syncline.model.Scheduler;
import org.syncline.model.SchedulerState;
import org.syncline.model.Secret;
import org.syncline.model.SynclineFactory;
import org.syncline.model.SynclinePackage;
import org.syncline.model.Trigger;
import org.syncline.model.TriggerKind;
import org.syncline.model.User;
import org.syncline.model.Weekday;

/**
 * A model graph in which every feature of every class holds a value other than its default, for
 * round-trip tests. {@link #unsetFeatures} checks that claim, so that a feature added to the model
 * but forgotten here (or in the mappers) makes the round-trip test fail.
 */
final class FullModel {

    static final String MACHINE_PASSWORD = "Tr0ub4dor&3-machine-secret";
    static final Instant T1 = Instant.parse("2026-03-04T05:06:07.123456Z");
    static final Instant T2 = Instant.parse("2026-09-10T11:12:13.654321Z");

    private static final SynclineFactory F = SynclineFactory.eINSTANCE;

    final Catalog catalog = F.createCatalog();
    final User user = F.createUser();
    final Scheduler scheduler = F.createScheduler();
    final Machine alpha = machine("Alpha", "alpha.example.org");
    final Machine beta = machine("Beta", "beta.example.org");
    final Job job = F.createJob();
    final Job localJob = F.createJob();
    final Schedule schedule = F.createSchedule();
    final RealTimeMonitor monitor = F.createRealTimeMonitor();

    FullModel() {
        user.setLoginName("alice");
        user.setDisplayName("Alice Admin");
        user.setAdministrator(true);
        user.setDisabled(true);
        scheduler.setName("engine-1");
        scheduler.setHostName("engine1.example.org");
        scheduler.setRestAddress("https://engine1.example.org:9032/");
        scheduler.setState(SchedulerState.PAUSED);
        scheduler.setLastHeartbeat(T1);
        scheduler.setProgramVersion("0.1.0");
        scheduler.setMaxConcurrentRuns(8);
        buildJob();
        localJob.setName("Local copy");
        localJob.setFilter(F.createFileFilter());
        localJob.setOptions(F.createJobOptions());
        localJob.getOptions().setCompareAttributes(true);
        localJob.getPaths().add(path(null, "/srv/local"));
        localJob.getPaths().add(path(beta, "D:\\Copies"));
        buildSchedule();
        buildMonitor();
        catalog.getUsers().add(user);
        catalog.getSchedulers().add(scheduler);
        catalog.getMachines().add(alpha);
        catalog.getMachines().add(beta);
        catalog.getJobs().add(job);
        catalog.getJobs().add(localJob);
        catalog.getSchedules().add(schedule);
        catalog.getMonitors().add(monitor);
    }

    /** Saving order: referenced objects first. */
    List<Entity> savingOrder() {
        return List.of(user, scheduler, alpha, beta, job, localJob, schedule, monitor);
    }

    private void buildJob() {
        job.setName("Reports");
        job.setDescription("Quarterly reports between the offices");
        job.setRule(Rule.MULTI_MIRROR);
        job.getPaths().add(path(alpha, "/data/reports"));
        job.getPaths().add(path(beta, "E:\\Reports"));
        job.setFilter(F.createFileFilter());
        job.getFilter().setFileMasks("*.* | -*.tmp | -~*.doc");
        job.getFilter().setSubfolderMasks("\\Reports\\ | -\\Temp\\ | -cache\\");
        job.getFilter().setIgnoreCase(true);
        job.getFilter().setModifiedAfter(T1);
        job.getFilter().setModifiedBefore(T2);
        job.getFilter().setMinimumSize(10L);
        job.getFilter().setMaximumSize(5_000_000_000L);
        job.setOptions(F.createJobOptions());
        var options = job.getOptions();
        options.setConflictPolicy(ConflictPolicy.KEEP_BOTH);
        options.setDeleteHandling(DeleteHandling.ARCHIVE);
        options.setArchiveReplaced(true);
        options.setArchiveDeleted(true);
        options.setRetentionKind(RetentionKind.DAYS);
        options.setRetentionCount(30);
        options.setMassDeleteWarnAfter(50);
        options.setMassDeleteCancelAfter(500);
        options.setCopyRetryCount(7);
        options.setCopyRetryDelaySeconds(45);
        options.setCopyPermissions(false);
        options.setCopyAttributes(false);
        options.setCopyTimestamps(false);
        options.setDeltaThreshold(65536);
        options.setCompression(false);
        options.setEncryption(false);
        options.setFileLocking(true);
        options.setCompareContent(true);
        options.setDeleteOlderThanDays(90);
        permit(job);
    }

    private void buildSchedule() {
        schedule.setName("Nightly");
        schedule.setDescription("Weeknights after the backup");
        schedule.setHeld(true);
        schedule.setPreferredScheduler(scheduler);
        schedule.setUseAnyIfUnavailable(false);
        schedule.setFallBackToPreferred(true);
        schedule.setRetryCount(3);
        schedule.setRetryDelayMinutes(11);
        schedule.getJobs().add(localJob);
        schedule.getJobs().add(job);
        Trigger trigger = F.createTrigger();
        trigger.setKind(TriggerKind.CRON);
        trigger.setStartAt(T2);
        trigger.setIntervalMinutes(15);
        trigger.getTimesOfDay().addAll(List.of(LocalTime.of(8, 0), LocalTime.of(17, 30, 15)));
        trigger.getWeekdays().addAll(List.of(Weekday.MONDAY, Weekday.FRIDAY));
        trigger.getDaysOfMonth().addAll(List.of(1, 15, 31));
        trigger.setCronExpression("0 2 * * MON-FRI");
        schedule.setTrigger(trigger);
        schedule.setMissedRunPolicy(MissedRunPolicy.RUN_IF_MISSED_BY_AT_MOST);
        schedule.setMissedRunMaxDelayMinutes(90);
        schedule.setRescheduleFrom(RescheduleFrom.END);
        permit(schedule);
    }

    private void buildMonitor() {
        monitor.setName("Live reports");
        monitor.setDescription("Keeps reports in step as they change");
        monitor.setHeld(true);
        monitor.setPreferredScheduler(scheduler);
        monitor.setUseAnyIfUnavailable(false);
        monitor.setFallBackToPreferred(true);
        monitor.setRetryCount(2);
        monitor.setRetryDelayMinutes(9);
        monitor.setJob(job);
        monitor.setChangeDelaySeconds(12);
        monitor.setValidationScanIntervalMinutes(240);
        monitor.setUseChangeJournal(false);
        permit(monitor);
    }

    private Machine machine(String name, String host) {
        Machine machine = F.createMachine();
        machine.setName(name);
        machine.setDescription(name + " file server");
        machine.setHostName(host);
        machine.setRunsAgent(false);
        machine.setAgentPort(9100);
        machine.setLoginName("svc-sync");
        machine.setPassword(Secret.of(MACHINE_PASSWORD));
        machine.setAutoDiscover(true);
        machine.setRunsScheduler(true);
        MachineConnection connection = F.createMachineConnection();
        connection.setHost("10.1.2.3");
        connection.setPort(9200);
        connection.setCompression(true);
        connection.setEncryption(false);
        machine.getConnections().add(connection);
        permit(machine);
        return machine;
    }

    private void permit(ManagedObject object) {
        Permission permission = F.createPermission();
        permission.setUser(user);
        permission.setCanView(true);
        permission.setCanEdit(true);
        permission.setCanRun(true);
        permission.setCanDelete(true);
        permission.setCanChangePermissions(true);
        object.getPermissions().add(permission);
    }

    private static JobPath path(Machine machine, String folder) {
        JobPath path = F.createJobPath();
        path.setMachine(machine);
        path.setFolder(folder);
        return path;
    }

    /** A finished run of the job with one file action. */
    Run run() {
        Run run = F.createRun();
        run.setJob(job);
        run.setScheduler(scheduler);
        run.setOrigin(RunOrigin.MONITOR);
        run.setStartedAt(T1);
        run.setFinishedAt(T2);
        run.setOutcome(RunOutcome.COMPLETED_WITH_ERRORS);
        run.setFilesCopied(12);
        run.setFilesDeleted(3);
        run.setFilesArchived(4);
        run.setFilesMoved(6);
        run.setConflicts(1);
        run.setErrors(2);
        run.setBytesTransferred(1_234_567_890_123L);
        run.setBytesSavedByDelta(987_654_321L);
        run.setMessage("2 files could not be copied");
        FileAction action = F.createFileAction();
        action.setTime(T2);
        action.setKind(FileActionKind.DELTA_COPY);
        action.setRelativePath("2026/Q3 résumé.xlsx");
        action.setSource("Alpha /data/reports");
        action.setTarget("Beta E:\\Reports");
        action.setBytes(4096);
        action.setBytesSavedByDelta(1_000_000);
        action.setError("Access denied");
        action.setOutcome(FileActionOutcome.FAILED);
        action.setMessage("Retried 3 times");
        run.getActions().add(action);
        return run;
    }

    /** The state of one file of the job's first path. */
    ReplicaState replicaState() {
        ReplicaState state = F.createReplicaState();
        state.setPath(job.getPaths().get(0));
        state.setRelativePath("2026/Q3 résumé.xlsx");
        state.setSize(123_456_789L);
        state.setModified(T1);
        state.setHash("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        state.setFolder(true);
        state.setLink(true);
        return state;
    }

    /**
     * Features that no instance of their class sets to a non-default value, among the given roots
     * and their contents. Derived, transient and container features are not stored and are left out.
     */
    static List<String> unsetFeatures(List<? extends EObject> roots) {
        Map<EClass, Set<EStructuralFeature>> set = new HashMap<>();
        for (EObject root : roots) {
            record(root, set);
            for (TreeIterator<EObject> contents = root.eAllContents(); contents.hasNext();) {
                record(contents.next(), set);
            }
        }
        List<String> unset = new ArrayList<>();
        for (var entry : set.entrySet()) {
            for (EStructuralFeature feature : entry.getKey().getEAllStructuralFeatures()) {
                if (stored(feature) && !entry.getValue().contains(feature)) {
                    unset.add(entry.getKey().getName() + "." + feature.getName());
                }
            }
        }
        for (var classifier : SynclinePackage.eINSTANCE.getEClassifiers()) {
            if (classifier instanceof EClass eClass && !eClass.isAbstract() && !set.containsKey(eClass)) {
                unset.add(eClass.getName() + " (no instance at all)");
            }
        }
        return unset;
    }

    private static void record(EObject object, Map<EClass, Set<EStructuralFeature>> set) {
        Set<EStructuralFeature> features = set.computeIfAbsent(object.eClass(), key -> new HashSet<>());
        for (EStructuralFeature feature : object.eClass().getEAllStructuralFeatures()) {
            if (stored(feature) && object.eIsSet(feature)) {
                features.add(feature);
            }
        }
    }

    private static boolean stored(EStructuralFeature feature) {
        return !feature.isDerived() && !feature.isTransient() && !(feature instanceof EReference reference && reference.isContainer());
    }
}
