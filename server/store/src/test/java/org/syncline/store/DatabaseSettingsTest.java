package org.syncline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The settings of the database that are not its profile. */
class DatabaseSettingsTest {

    private static final Path HOME = Path.of("/srv/syncline");

    @Test
    void runHistoryIsKeptNinetyDaysUnlessSetAndABadValueIsToldWithItsSource() throws Exception {
        assertEquals(90, DatabaseSettings.of(HOME, Map.of(), "defaults").runHistoryDays());
        assertEquals(30, days("30"));
        assertEquals(0, days(" 0 "), "0 keeps every run");
        assertEquals(36_500, days("36500"));
        for (String bad : new String[] {"-1", "36501", "ninety", "1.5"}) {
            assertEquals("conf/syncline.properties: database.runHistoryDays must be a whole number of days from 0 (keep every run)"
                    + " to 36500, but is '" + bad + "'",
                    assertThrows(InvalidDatabaseSettingsException.class, () -> days(bad)).getMessage());
        }
    }

    private static int days(String value) throws InvalidDatabaseSettingsException {
        return DatabaseSettings.of(HOME, Map.of(DatabaseSettings.RUN_HISTORY_DAYS, value), "conf/syncline.properties").runHistoryDays();
    }
}
