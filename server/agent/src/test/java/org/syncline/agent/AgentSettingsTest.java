package org.syncline.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    @Test
    void rootNamesMustBeUnique() {
        List<ServedRoot> roots = List.of(new ServedRoot("a", Path.of("/x")),
                new ServedRoot("a", Path.of("/y")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AgentSettings("n", null, 9033, roots, "1", 1));
        assertEquals("root name 'a' is used twice", e.getMessage());
    }

    @Test
    void portMustBeInRange() {
        assertThrows(IllegalArgumentException.class,
                () -> new AgentSettings("n", null, 65536, List.of(), "1", 1));
        assertThrows(IllegalArgumentException.class,
                () -> new AgentSettings("n", null, -1, List.of(), "1", 1));
    }

    @Test
    void blankBindHostMeansAllInterfaces() {
        AgentSettings settings = new AgentSettings("n", " ", 9033, List.of(), "1", 1);
        assertTrue(settings.bindAddress().getAddress().isAnyLocalAddress());
        assertEquals(9033, settings.bindAddress().getPort());
    }

    @Test
    void rootNamesAreRestricted() {
        assertTrue(ServedRoot.isValidName("Team-Docs_2.0"));
        assertFalse(ServedRoot.isValidName("a/b"));
        assertFalse(ServedRoot.isValidName(".."));
        assertFalse(ServedRoot.isValidName(""));
        assertThrows(IllegalArgumentException.class,
                () -> new ServedRoot("docs", Path.of("relative/path")));
    }

    @Test
    void rootPathsAreNormalized() {
        assertEquals(Path.of("/srv/docs"), new ServedRoot("d", Path.of("/srv/x/../docs")).path());
    }
}
