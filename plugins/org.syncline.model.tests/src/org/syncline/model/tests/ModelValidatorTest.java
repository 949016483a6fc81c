package org.syncline.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncline.model.tests.ModelFixtures.FACTORY;
import static org.syncline.model.tests.ModelFixtures.job;

import java.util.List;

import org.eclipse.emf.common.util.Diagnostic;
import org.junit.jupiter.api.Test;
import org.syncline.model.Job;
import org.syncline.model.RealTimeMonitor;
import org.syncline.model.Schedule;
import org.syncline.model.Trigger;
import org.syncline.model.TriggerKind;
import org.syncline.model.validation.ModelValidator;

class ModelValidatorTest {

    @Test
    void validJobHasNoProblem() {
        assertEquals(List.of(), messages(job("Backup")));
    }

    @Test
    void jobNeedsTwoPaths() {
        Job job = job("Backup");
        job.getPaths().remove(1);
        assertEquals(List.of("Job 'Backup' needs at least two paths; it has 1."), messages(job));
    }

    @Test
    void samePathTwiceIsReported() {
        Job job = job("Backup");
        job.getPaths().get(1).setMachine(job.getPaths().get(0).getMachine());
        assertEquals(List.of("Job 'Backup': paths 1 and 2 are the same folder."), messages(job));
    }

    @Test
    void badFileMaskIsExplained() {
        Job job = job("Backup");
        job.getFilter().setFileMasks("*.* | - | *.doc");
        assertEquals(List.of("File mask 2 is empty: write a mask such as *.doc after the '-', or remove the extra '|'."), messages(job));
    }

    @Test
    void badSubfolderMaskIsExplained() {
        Job job = job("Backup");
        job.getFilter().setSubfolderMasks("\\Reports\\ | -Temp");
        assertEquals(List.of("Subfolder mask 2 '-Temp' must end with \\: write -\\Temp\\ for the folder at the top, or -Temp\\ for one "
                + "at any depth. To select files, use a file mask."), messages(job));
    }

    @Test
    void subfolderMaskWithoutLeadingBackslashMatchesAtAnyDepthAndIsValid() {
        Job job = job("Backup");
        job.getFilter().setSubfolderMasks("\\Reports\\ | -cache\\");
        assertEquals(List.of(), messages(job));
    }

    @Test
    void massDeleteLimitsMustBeOrdered() {
        Job job = job("Backup");
        job.getOptions().setMassDeleteWarnAfter(100);
        job.getOptions().setMassDeleteCancelAfter(50);
        assertEquals(List.of("The mass-delete guard cancels at 50 deletions but warns only at 100: the cancel limit must be at least the warning limit."),
                messages(job));
    }

    @Test
    void zeroTurnsAMassDeleteLimitOffAndKeepsEveryArchivedVersion() {
        Job job = job("Backup");
        job.getOptions().setMassDeleteWarnAfter(100);
        job.getOptions().setMassDeleteCancelAfter(0);
        job.getOptions().setRetentionCount(0);
        assertEquals(List.of(), messages(job));
        job.getOptions().setRetentionCount(-1);
        assertEquals(List.of("The number of archived versions to keep cannot be negative; 0 keeps every version."), messages(job));
    }

    @Test
    void attributesAreComparedOnlyWhenCopied() {
        Job job = job("Backup");
        job.getOptions().setCompareAttributes(true);
        assertEquals(List.of(), messages(job));
        job.getOptions().setCopyAttributes(false);
        assertEquals(List.of("ACLs and extended attributes can be compared only when they are copied: copy them, or do not compare them."),
                messages(job));
    }

    @Test
    void monitorNeedsAJob() {
        RealTimeMonitor monitor = FACTORY.createRealTimeMonitor();
        monitor.setName("Live");
        assertEquals(List.of("Real-time monitor 'Live' has no job: choose the job it keeps in step."), messages(monitor));
    }

    @Test
    void cronScheduleNeedsAValidExpression() {
        Schedule schedule = schedule(TriggerKind.CRON);
        schedule.getTrigger().setCronExpression("0 25 * * *");
        assertEquals(List.of("Schedule 'Nightly': In the cron expression '0 25 * * *', the hour field '25' is wrong: '25' is not a hour; use 0-23."),
                messages(schedule));
    }

    @Test
    void weeklyScheduleNeedsWeekdaysAndTimes() {
        assertEquals(List.of("Schedule 'Nightly' has no time of day to run at.", "Schedule 'Nightly' runs weekly but no weekday is chosen."),
                messages(schedule(TriggerKind.WEEKLY)));
    }

    @Test
    void fallbackNeedsAPreferredScheduler() {
        Schedule schedule = schedule(TriggerKind.INTERVAL);
        schedule.setFallBackToPreferred(true);
        assertEquals(List.of("Schedule 'Nightly' falls back to its preferred scheduler, but none is chosen."), messages(schedule));
    }

    @Test
    void scheduleWithoutJobsIsReported() {
        Schedule schedule = schedule(TriggerKind.INTERVAL);
        schedule.getJobs().clear();
        assertTrue(messages(schedule).contains("Schedule 'Nightly' runs no job: add at least one."));
    }

    private static Schedule schedule(TriggerKind kind) {
        Schedule schedule = FACTORY.createSchedule();
        schedule.setName("Nightly");
        schedule.getJobs().add(job("Backup"));
        Trigger trigger = FACTORY.createTrigger();
        trigger.setKind(kind);
        schedule.setTrigger(trigger);
        return schedule;
    }

    private static List<String> messages(org.eclipse.emf.ecore.EObject object) {
        Diagnostic diagnostic = ModelValidator.validate(object);
        return diagnostic.getChildren().stream().map(Diagnostic::getMessage).toList();
    }
}
