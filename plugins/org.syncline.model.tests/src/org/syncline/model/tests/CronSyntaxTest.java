package org.syncline.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncline.model.validation.CronSyntax;

class CronSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"0 2 * * MON-FRI", "*/15 * * * *", "0 0 1,15 * ?", "30 0 12 ? JAN-MAR 1-5", "0 8-18/2 * * 0,7", "5 4 31 dec sun"})
    void acceptsValidExpressions(String expression) {
        assertEquals(Optional.empty(), CronSyntax.problem(expression));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "* * * * => The cron expression '* * * *' has 4 fields; it needs five (minute hour day month weekday) or six (with seconds first).",
        "60 * * * * => In the cron expression '60 * * * *', the minute field '60' is wrong: '60' is not a minute; use 0-59.",
        "0 0 0 * * => In the cron expression '0 0 0 * *', the day of month field '0' is wrong: '0' is not a day of month; use 1-31.",
        "0 0 * FOO * => In the cron expression '0 0 * FOO *', the month field 'FOO' is wrong: 'FOO' is not a month; use 1-12 or JAN-DEC.",
        "0 0 * * 5-1 => In the cron expression '0 0 * * 5-1', the day of week field '5-1' is wrong: the range 5-1 runs backwards; write the smaller value first.",
        "*/0 * * * * => In the cron expression '*/0 * * * *', the minute field '*/0' is wrong: the step after '/' must be a whole number of at least 1, not '0'.",
        "? * * * * => In the cron expression '? * * * *', the minute field '?' is wrong: '?' is allowed only for day of month and day of week.",
        "1,,2 * * * * => In the cron expression '1,,2 * * * *', the minute field '1,,2' is wrong: there is an empty entry between commas."
    })
    void explainsInvalidExpressions(String expression, String message) {
        assertEquals(Optional.of(message), CronSyntax.problem(expression));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyExpressionIsReported(String expression) {
        assertTrue(CronSyntax.problem(expression).orElseThrow().startsWith("The cron expression is empty"));
    }
}
