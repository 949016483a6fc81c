package org.syncline.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.syncline.persistence.internal.SchemaMigrator;

/** The migrator's shortcut for a current database must describe the changelog as it is. */
class SchemaMigratorTest {

    @Test
    void headAndCountOfTheShortcutMatchTheChangelog() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        List<String> ids;
        try {
            ids = new SchemaMigrator().changeIds();
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertEquals(SchemaMigrator.CHANGE_COUNT, ids.size(),
                "SchemaMigrator.CHANGE_COUNT must be the number of change sets: " + ids);
        assertEquals(SchemaMigrator.HEAD_CHANGE, ids.get(ids.size() - 1),
                "SchemaMigrator.HEAD_CHANGE must be the last change set");
    }
}
