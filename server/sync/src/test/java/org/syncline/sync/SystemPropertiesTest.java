package org.syncline.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SystemPropertiesTest {

    private static final String NAME = "syncline.test.wholeNumber";

    @AfterEach
    void clear() {
        System.clearProperty(NAME);
    }

    @Test
    void aSettingIsReadAndAMissingOrBlankOneGivesTheDefault() {
        assertEquals(60, SystemProperties.wholeNumber(NAME, 1, 60, "minutes"));
        System.setProperty(NAME, " ");
        assertEquals(60, SystemProperties.wholeNumber(NAME, 1, 60, "minutes"));
        System.setProperty(NAME, " 15 ");
        assertEquals(15, SystemProperties.wholeNumber(NAME, 1, 60, "minutes"));
    }

    @Test
    void aSettingThatIsNotAWholeNumberInRangeIsRefusedByName() {
        for (String bad : new String[] {"lots", "1.5", "0"}) {
            System.setProperty(NAME, bad);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> SystemProperties.wholeNumber(NAME, 1, 60, "minutes"));
            assertEquals("The system property syncline.test.wholeNumber must be a whole number of minutes, 1 or more, but is '"
                    + bad + "'. Correct it in SYNCLINE_JAVA_OPTS, or leave it out for the default.", refused.getMessage());
        }
    }
}
