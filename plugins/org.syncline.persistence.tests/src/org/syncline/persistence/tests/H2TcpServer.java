package org.syncline.persistence.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

import org.h2.tools.Server;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An H2 TCP server on a free loopback port for the test run; stopped when the run ends. */
public final class H2TcpServer implements ExtensionContext.Store.CloseableResource {

    private final Server server;
    private final Path folder;

    private H2TcpServer() throws IOException, SQLException {
        folder = Files.createTempDirectory("syncline-h2-");
        server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", folder.toString()).start();
    }

    /** The server of this test run, started on first use. */
    public static H2TcpServer get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(H2TcpServer.class, key -> {
            try {
                return new H2TcpServer();
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("Could not start the H2 server: " + e.getMessage(), e);
            }
        }, H2TcpServer.class);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.stop();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
