package org.syncline.model.validation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks cron expressions as schedules use them: five fields ({@code minute hour day-of-month
 * month day-of-week}) or six with seconds first. Each field is a comma-separated list of
 * {@code *}, a value, a range {@code a-b}, or either followed by a step {@code /n}. Months accept
 * {@code JAN}-{@code DEC}, weekdays {@code SUN}-{@code SAT} and 0-7 (0 and 7 are Sunday); day of
 * month and day of week also accept {@code ?}.
 *
 * <p>This class only checks syntax and ranges, with messages meant for the person who typed the
 * expression; computing fire times is the scheduler's business.
 */
public final class CronSyntax {

    private record Field(String name, int min, int max, List<String> names, int nameBase, boolean questionMark) {
    }

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private static final Field SECOND = new Field("second", 0, 59, List.of(), 0, false);
    private static final Field MINUTE = new Field("minute", 0, 59, List.of(), 0, false);
    private static final Field HOUR = new Field("hour", 0, 23, List.of(), 0, false);
    private static final Field DAY_OF_MONTH = new Field("day of month", 1, 31, List.of(), 0, true);
    private static final Field MONTH = new Field("month", 1, 12, MONTHS, 1, false);
    private static final Field DAY_OF_WEEK = new Field("day of week", 0, 7, WEEKDAYS, 0, true);

    private CronSyntax() {
    }

    /**
     * Returns why {@code expression} is not a valid cron expression, or empty when it is.
     * A {@code null} or blank expression is reported as missing.
     */
    public static Optional<String> problem(String expression) {
        if (expression == null || expression.isBlank()) {
            return Optional.of("The cron expression is empty: write five fields, e.g. '0 2 * * MON-FRI' for 02:00 on weekdays.");
        }
        String[] parts = expression.trim().split("\\s+");
        List<Field> fields;
        if (parts.length == 5) {
            fields = List.of(MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK);
        } else if (parts.length == 6) {
            fields = List.of(SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK);
        } else {
            return Optional.of("The cron expression '" + expression.trim() + "' has " + parts.length
                    + " fields; it needs five (minute hour day month weekday) or six (with seconds first).");
        }
        for (int i = 0; i < parts.length; i++) {
            Optional<String> problem = checkField(fields.get(i), parts[i]);
            if (problem.isPresent()) {
                return Optional.of("In the cron expression '" + expression.trim() + "', the " + fields.get(i).name()
                        + " field '" + parts[i] + "' is wrong: " + problem.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkField(Field field, String text) {
        if (text.equals("?")) {
            return field.questionMark() ? Optional.empty() : Optional.of("'?' is allowed only for day of month and day of week.");
        }
        for (String item : text.split(",", -1)) {
            Optional<String> problem = checkItem(field, item);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkItem(Field field, String item) {
        if (item.isEmpty()) {
            return Optional.of("there is an empty entry between commas.");
        }
        String range = item;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            String step = item.substring(slash + 1);
            if (!step.matches("\\d{1,4}") || Integer.parseInt(step) == 0) {
                return Optional.of("the step after '/' must be a whole number of at least 1, not '" + step + "'.");
            }
        }
        if (range.equals("*")) {
            return Optional.empty();
        }
        int dash = range.indexOf('-');
        if (dash >= 0) {
            Integer from = value(field, range.substring(0, dash));
            Integer to = value(field, range.substring(dash + 1));
            if (from == null || to == null) {
                return Optional.of(outOfRange(field, range));
            }
            if (from > to) {
                return Optional.of("the range " + range + " runs backwards; write the smaller value first.");
            }
            return Optional.empty();
        }
        return value(field, range) == null ? Optional.of(outOfRange(field, range)) : Optional.empty();
    }

    private static Integer value(Field field, String text) {
        int index = field.names().indexOf(text.toUpperCase(Locale.ROOT));
        if (index >= 0) {
            return index + field.nameBase();
        }
        if (!text.matches("\\d{1,2}")) {
            return null;
        }
        int value = Integer.parseInt(text);
        return value < field.min() || value > field.max() ? null : value;
    }

    private static String outOfRange(Field field, String text) {
        String names = field.names().isEmpty() ? "" : " or " + field.names().getFirst() + "-" + field.names().getLast();
        return "'" + text + "' is not a " + field.name() + "; use " + field.min() + "-" + field.max() + names + ".";
    }
}
