package org.syncline.model.validation;

import org.syncline.model.Schedule;
import org.syncline.model.SynclinePackage;
import org.syncline.model.Trigger;

/** Checks that a schedule's trigger has what its kind needs. */
final class TriggerRules {

    private static final SynclinePackage MODEL = SynclinePackage.eINSTANCE;

    private TriggerRules() {
    }

    static void check(Schedule schedule, ModelValidator.Problems problems) {
        Trigger trigger = schedule.getTrigger();
        String name = ModelValidator.describe(schedule);
        switch (trigger.getKind()) {
            case ONCE -> problems.report(trigger.getStartAt() == null, name + " runs once but has no date and time.", trigger, MODEL.getTrigger_StartAt());
            case INTERVAL -> problems.report(trigger.getIntervalMinutes() < 1,
                    name + " runs every " + trigger.getIntervalMinutes() + " minutes; the interval must be at least 1 minute.", trigger, MODEL.getTrigger_IntervalMinutes());
            case DAILY -> needTimes(name, trigger, problems);
            case WEEKLY -> {
                needTimes(name, trigger, problems);
                problems.report(trigger.getWeekdays().isEmpty(), name + " runs weekly but no weekday is chosen.", trigger, MODEL.getTrigger_Weekdays());
            }
            case MONTHLY -> {
                needTimes(name, trigger, problems);
                problems.report(trigger.getDaysOfMonth().isEmpty(), name + " runs monthly but no day of the month is chosen.", trigger, MODEL.getTrigger_DaysOfMonth());
                for (int day : trigger.getDaysOfMonth()) {
                    problems.report(day < 1 || day > 31, name + " runs on day " + day + " of the month; days go from 1 to 31.", trigger, MODEL.getTrigger_DaysOfMonth());
                }
            }
            case CRON -> CronSyntax.problem(trigger.getCronExpression())
                    .ifPresent(problem -> problems.report(true, name + ": " + problem, trigger, MODEL.getTrigger_CronExpression()));
        }
    }

    private static void needTimes(String name, Trigger trigger, ModelValidator.Problems problems) {
        problems.report(trigger.getTimesOfDay().isEmpty(), name + " has no time of day to run at.", trigger, MODEL.getTrigger_TimesOfDay());
    }
}
