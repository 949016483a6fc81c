package org.syncline.sync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How {@code syncline runs} writes amounts of data. */
class RunsCommandFormatTest {

    @Test
    void dataIsShownInDecimalUnitsWithOneDecimal() {
        assertEquals("0 B", RunsCommand.data(0));
        assertEquals("999 B", RunsCommand.data(999));
        assertEquals("1.0 kB", RunsCommand.data(1000));
        assertEquals("999.9 kB", RunsCommand.data(999_949));
        assertEquals("1.0 MB", RunsCommand.data(999_950), "rounded up into the next unit, never 1000.0 kB");
        assertEquals("1.6 GB", RunsCommand.data(1_572_853_914));
        assertEquals("9.2 EB", RunsCommand.data(Long.MAX_VALUE));
    }
}
