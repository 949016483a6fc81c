package org.syncline.sync.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMachineNameTest {

    @TempDir
    Path folder;

    @Test
    void theEnvironmentNamesTheMachineFirst() throws Exception {
        Path kernel = Files.writeString(folder.resolve("hostname"), "kernel-name\n");

        assertEquals("fileserver-3", LocalReplica.machineName(Map.of("HOSTNAME", " fileserver-3 "), kernel));
        assertEquals("WINFS01", LocalReplica.machineName(Map.of("COMPUTERNAME", "WINFS01"), kernel));
    }

    @Test
    void withoutItTheKernelsNameIsTakenWithoutANameLookup() throws Exception {
        Path kernel = Files.writeString(folder.resolve("hostname"), "fileserver-7\n");

        assertEquals("fileserver-7", LocalReplica.machineName(Map.of("HOSTNAME", "  "), kernel));
    }

    @Test
    void withNeitherTheNetworkConfigurationNamesIt() {
        String expected;
        try {
            expected = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            expected = "localhost";
        }

        assertEquals(expected, LocalReplica.machineName(Map.of(), folder.resolve("no-such-file")));
    }
}
