package org.syncline.model.validation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.DiagnosticChain;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EDataType;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.emf.ecore.impl.EValidatorRegistryImpl;
import org.eclipse.emf.ecore.util.Diagnostician;
import org.syncline.masks.FileMasks;
import org.syncline.masks.FolderMasks;
import org.syncline.masks.MaskSyntaxException;
import org.syncline.model.Catalog;
import org.syncline.model.FileFilter;
import org.syncline.model.Job;
import org.syncline.model.JobOptions;
import org.syncline.model.JobPath;
import org.syncline.model.Machine;
import org.syncline.model.MachineConnection;
import org.syncline.model.ManagedObject;
import org.syncline.model.MissedRunPolicy;
import org.syncline.model.Permission;
import org.syncline.model.RealTimeMonitor;
import org.syncline.model.Schedule;
import org.syncline.model.ScheduledWork;
import org.syncline.model.Scheduler;
import org.syncline.model.SynclinePackage;
import org.syncline.model.User;

/**
 * Checks the Syncline model and explains every problem in words a person understands, naming
 * the object concerned ("Job 'Backup' needs at least two paths; it has 1.").
 *
 * <p>Each {@link Diagnostic} carries the object and, where it applies, the feature at fault as its
 * data. The validator is stateless and thread-safe. It replaces EMF's generic multiplicity checks,
 * whose messages name features rather than what the user sees.
 */
public final class ModelValidator implements EValidator {

    /** Diagnostic source of all problems reported here. */
    public static final String SOURCE = "org.syncline.model";

    private static final ModelValidator INSTANCE = new ModelValidator();
    private static final SynclinePackage MODEL = SynclinePackage.eINSTANCE;

    /**
     * Validates {@code root} and everything it contains.
     *
     * @return {@link Diagnostic#OK} severity when all is well, otherwise one child per problem
     */
    public static Diagnostic validate(EObject root) {
        EValidator.Registry registry = new EValidatorRegistryImpl();
        registry.put(MODEL, INSTANCE);
        return new Diagnostician(registry).validate(root);
    }

    @Override
    public boolean validate(EObject object, DiagnosticChain diagnostics, Map<Object, Object> context) {
        return validate(object.eClass(), object, diagnostics, context);
    }

    @Override
    public boolean validate(EClass eClass, EObject object, DiagnosticChain diagnostics, Map<Object, Object> context) {
        Problems problems = new Problems(object, diagnostics);
        if (object instanceof ManagedObject managed) {
            checkName(managed, problems);
        }
        switch (object) {
            case Catalog catalog -> checkUniqueNames(catalog, problems);
            case Machine machine -> checkMachine(machine, problems);
            case MachineConnection connection -> checkPort(connection.getPort(), "A connection of " + describe(connection.eContainer()), MODEL.getMachineConnection_Port(), problems);
            case Job job -> checkJob(job, problems);
            case JobPath path -> checkPath(path, problems);
            case FileFilter filter -> checkFilter(filter, problems);
            case JobOptions options -> checkOptions(options, problems);
            case Schedule schedule -> checkSchedule(schedule, problems);
            case RealTimeMonitor monitor -> checkMonitor(monitor, problems);
            case Scheduler scheduler -> checkScheduler(scheduler, problems);
            case User user -> problems.requireText(user.getLoginName(), "A user has no login name.", MODEL.getUser_LoginName());
            case Permission permission -> problems.require(permission.getUser() != null,
                    "A permission on " + describe(permission.eContainer()) + " names no user.", MODEL.getPermission_User());
            default -> { }
        }
        if (object instanceof ScheduledWork work) {
            checkScheduledWork(work, problems);
        }
        return problems.none();
    }

    @Override
    public boolean validate(EDataType dataType, Object value, DiagnosticChain diagnostics, Map<Object, Object> context) {
        return true;
    }

    private static void checkName(ManagedObject object, Problems problems) {
        problems.requireText(object.getName(), "A " + kind(object) + " has no name: give it one.", MODEL.getManagedObject_Name());
    }

    private static void checkUniqueNames(Catalog catalog, Problems problems) {
        for (List<? extends ManagedObject> objects : List.of(catalog.getMachines(), catalog.getJobs(), catalog.getSchedules(), catalog.getMonitors())) {
            Set<String> seen = new HashSet<>();
            for (ManagedObject object : objects) {
                if (object.getName() != null && !seen.add(object.getName().strip().toLowerCase(Locale.ROOT))) {
                    problems.report("Two " + kind(object) + "s are named '" + object.getName().strip() + "': give each a different name.", object, MODEL.getManagedObject_Name());
                }
            }
        }
    }

    private static void checkMachine(Machine machine, Problems problems) {
        problems.requireText(machine.getHostName(), describe(machine) + " has no host name: enter the name or address clients use to reach it.", MODEL.getMachine_HostName());
        checkPort(machine.getAgentPort(), describe(machine) + "'s agent", MODEL.getMachine_AgentPort(), problems);
        if (machine.getPassword() != null && (machine.getLoginName() == null || machine.getLoginName().isBlank())) {
            problems.report(describe(machine) + " has a password but no login name.", machine, MODEL.getMachine_LoginName());
        }
    }

    private static void checkPort(int port, String what, EStructuralFeature feature, Problems problems) {
        problems.require(port >= 1 && port <= 65535, what + " uses port " + port + "; a port must be between 1 and 65535.", feature);
    }

    private static void checkJob(Job job, Problems problems) {
        int count = job.getPaths().size();
        problems.require(count >= 2, describe(job) + " needs at least two paths; it has " + count + ".", MODEL.getJob_Paths());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < count; i++) {
            JobPath path = job.getPaths().get(i);
            String key = (path.getMachine() == null ? "" : path.getMachine().getName()) + "|" + path.getFolder();
            Integer earlier = seen.putIfAbsent(key, i + 1);
            if (earlier != null && path.getFolder() != null) {
                problems.report(describe(job) + ": paths " + earlier + " and " + (i + 1) + " are the same folder.", path, MODEL.getJobPath_Folder());
            }
        }
        problems.require(job.getOptions() != null, describe(job) + " has no options.", MODEL.getJob_Options());
    }

    private static void checkPath(JobPath path, Problems problems) {
        Job job = (Job) path.eContainer();
        String which = job == null ? "A path" : "Path " + (job.getPaths().indexOf(path) + 1) + " of " + describe(job);
        problems.requireText(path.getFolder(), which + " names no folder.", MODEL.getJobPath_Folder());
    }

    private static void checkFilter(FileFilter filter, Problems problems) {
        try {
            FileMasks.parse(filter.getFileMasks(), filter.isIgnoreCase());
        } catch (MaskSyntaxException e) {
            problems.report(e.getMessage(), filter, MODEL.getFileFilter_FileMasks());
        }
        try {
            FolderMasks.parse(filter.getSubfolderMasks(), filter.isIgnoreCase());
        } catch (MaskSyntaxException e) {
            problems.report(e.getMessage(), filter, MODEL.getFileFilter_SubfolderMasks());
        }
        if (filter.getModifiedAfter() != null && filter.getModifiedBefore() != null) {
            problems.require(filter.getModifiedAfter().isBefore(filter.getModifiedBefore()),
                    "The modified-date range ends before it starts.", MODEL.getFileFilter_ModifiedBefore());
        }
        Long min = filter.getMinimumSize();
        Long max = filter.getMaximumSize();
        problems.require(min == null || min >= 0, "The smallest file size cannot be negative.", MODEL.getFileFilter_MinimumSize());
        problems.require(min == null || max == null || min <= max,
                "The smallest file size (" + min + " bytes) is larger than the largest (" + max + " bytes).", MODEL.getFileFilter_MaximumSize());
    }

    private static void checkOptions(JobOptions options, Problems problems) {
        problems.require(options.getRetentionCount() >= 0, "The number of archived " + options.getRetentionKind().getLiteral().toLowerCase(Locale.ROOT)
                + " to keep cannot be negative; 0 keeps every version.", MODEL.getJobOptions_RetentionCount());
        int warn = options.getMassDeleteWarnAfter();
        int cancel = options.getMassDeleteCancelAfter();
        problems.require(warn >= 0 && cancel >= 0, "The mass-delete limits cannot be negative; 0 turns a limit off.", MODEL.getJobOptions_MassDeleteWarnAfter());
        problems.require(warn <= 0 || cancel <= 0 || cancel >= warn,
                "The mass-delete guard cancels at " + cancel + " deletions but warns only at " + warn
                        + ": the cancel limit must be at least the warning limit.", MODEL.getJobOptions_MassDeleteCancelAfter());
        problems.require(options.getCopyRetryCount() >= 0 && options.getCopyRetryDelaySeconds() >= 0,
                "Copy retries and their delay cannot be negative.", MODEL.getJobOptions_CopyRetryCount());
        problems.require(options.getDeltaThreshold() >= 0, "The delta threshold cannot be negative.", MODEL.getJobOptions_DeltaThreshold());
        problems.require(options.isCopyAttributes() || !options.isCompareAttributes(),
                "ACLs and extended attributes can be compared only when they are copied: copy them, or do not compare them.",
                MODEL.getJobOptions_CompareAttributes());
        problems.require(options.getDeleteOlderThanDays() >= 0, "The age of files to delete cannot be negative; 0 deletes files of any age.",
                MODEL.getJobOptions_DeleteOlderThanDays());
    }

    private static void checkScheduledWork(ScheduledWork work, Problems problems) {
        problems.require(work.getPreferredScheduler() != null || !work.isFallBackToPreferred(),
                describe(work) + " falls back to its preferred scheduler, but none is chosen.", MODEL.getScheduledWork_FallBackToPreferred());
        problems.require(work.getRetryCount() >= 0 && work.getRetryDelayMinutes() >= 0,
                describe(work) + ": retries and their delay cannot be negative.", MODEL.getScheduledWork_RetryCount());
    }

    private static void checkSchedule(Schedule schedule, Problems problems) {
        problems.require(!schedule.getJobs().isEmpty(), describe(schedule) + " runs no job: add at least one.", MODEL.getSchedule_Jobs());
        problems.require(schedule.getMissedRunPolicy() != MissedRunPolicy.RUN_IF_MISSED_BY_AT_MOST || schedule.getMissedRunMaxDelayMinutes() >= 1,
                describe(schedule) + " runs missed runs only if missed by at most " + schedule.getMissedRunMaxDelayMinutes() + " minutes; that must be at least 1.",
                MODEL.getSchedule_MissedRunMaxDelayMinutes());
        if (schedule.getTrigger() == null) {
            problems.report(describe(schedule) + " has no trigger: say when it runs.", schedule, MODEL.getSchedule_Trigger());
            return;
        }
        TriggerRules.check(schedule, problems);
    }

    private static void checkMonitor(RealTimeMonitor monitor, Problems problems) {
        problems.require(monitor.getJob() != null, describe(monitor) + " has no job: choose the job it keeps in step.", MODEL.getRealTimeMonitor_Job());
        problems.require(monitor.getChangeDelaySeconds() >= 0, describe(monitor) + ": the change delay cannot be negative.", MODEL.getRealTimeMonitor_ChangeDelaySeconds());
        problems.require(monitor.getValidationScanIntervalMinutes() >= 1,
                describe(monitor) + ": the validation scan interval must be at least 1 minute.",
                MODEL.getRealTimeMonitor_ValidationScanIntervalMinutes());
    }

    private static void checkScheduler(Scheduler scheduler, Problems problems) {
        problems.requireText(scheduler.getName(), "A scheduler has no name.", MODEL.getScheduler_Name());
        problems.require(scheduler.getMaxConcurrentRuns() >= 1,
                "Scheduler '" + scheduler.getName() + "' must be allowed at least one run at a time.", MODEL.getScheduler_MaxConcurrentRuns());
    }

    /** "Job 'Backup'", or "A job" when it has no name yet. */
    static String describe(EObject object) {
        if (object instanceof ManagedObject managed && managed.getName() != null && !managed.getName().isBlank()) {
            String kind = kind(object);
            return Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " '" + managed.getName().strip() + "'";
        }
        return object == null ? "an object" : "A " + kind(object);
    }

    private static String kind(EObject object) {
        return switch (object) {
            case RealTimeMonitor monitor -> "real-time monitor";
            default -> object.eClass().getName().toLowerCase(Locale.ROOT);
        };
    }

    /** Collects the problems of one object into the diagnostic chain. */
    static final class Problems {
        private final EObject object;
        private final DiagnosticChain diagnostics;
        private boolean none = true;

        Problems(EObject object, DiagnosticChain diagnostics) {
            this.object = object;
            this.diagnostics = diagnostics;
        }

        void require(boolean condition, String message, EStructuralFeature feature) {
            if (!condition) {
                report(message, object, feature);
            }
        }

        void requireText(String text, String message, EStructuralFeature feature) {
            require(text != null && !text.isBlank(), message, feature);
        }

        void report(boolean problem, String message, EObject target, EStructuralFeature feature) {
            if (problem) {
                report(message, target, feature);
            }
        }

        void report(String message, EObject target, EStructuralFeature feature) {
            none = false;
            if (diagnostics != null) {
                Object[] data = feature == null ? new Object[] {target} : new Object[] {target, feature};
                diagnostics.add(new BasicDiagnostic(Diagnostic.ERROR, SOURCE, 0, message, data));
            }
        }

        boolean none() {
            return none;
        }
    }
}
