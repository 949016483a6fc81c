package org.syncline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.model.Secret;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.DatabaseUnavailableException;
import org.syncline.persistence.tests.EmbeddedH2;
import java.nio.file.Path;

class EngineServerTest {

    private static final Instant STARTED = Instant.parse("2026-11-24T08:15:30Z");

    @TempDir
    Path folder;

    private HttpClient http;
    private EngineServer engine;

    @BeforeEach
    void start() throws Exception {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        engine = new EngineServer(
                new EngineSettings("engine-a", "127.0.0.1", 0, "4.5.6-test", Duration.ofSeconds(5)),
                Clock.fixed(STARTED, ZoneOffset.UTC),
                new EngineDatabase(database()));
        engine.start();
    }

    /** Closes the client first, so that its keep-alive connection does not delay the stop. */
    @AfterEach
    void stop() throws Exception {
        http.close();
        engine.stop();
        EmbeddedH2.shutDown(database());
    }

    private DatabaseProfile database() {
        return DatabaseProfile.h2File(folder.resolve("syncline"), folder.resolve("secret.key"));
    }

    @Test
    void healthReportsUpWithNameVersionAndStartTime() throws Exception {
        HttpResponse<String> response = get("/api/v1/health");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/json"), response.headers().toString());
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertEquals("UP", body.path("status").asText());
        assertEquals("engine-a", body.path("name").asText());
        assertEquals("4.5.6-test", body.path("version").asText());
        assertEquals("2026-11-24T08:15:30Z", body.path("startedAt").asText());
        JsonNode database = body.path("database");
        assertEquals("UP", database.path("status").asText(), response.body());
        assertEquals("H2", database.path("product").asText(), response.body());
        assertTrue(database.path("schemaVersion").asText().matches("\\d+-.+"), response.body());
        JsonNode journals = body.path("changeJournals");
        assertEquals(0, journals.path("trees").asInt(-1), response.body());
        assertEquals(0, journals.path("watchedFolders").asInt(-1), response.body());
        assertEquals(0, journals.path("rememberedEntries").asInt(-1), response.body());
        assertEquals(0, journals.path("rememberedHashes").asInt(-1), response.body());
        assertFalse(journals.has("scannedInFullBecause"), response.body());
        assertEquals(6, body.size(), response.body());
    }

    @Test
    void anEngineWhoseDatabaseCannotBeOpenedDoesNotStart() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EngineServer broken = new EngineServer(
                new EngineSettings("engine-b", "127.0.0.1", 0, "4.5.6-test", Duration.ofSeconds(5)),
                Clock.systemUTC(), new EngineDatabase(DatabaseProfile.postgresql("127.0.0.1", port, "syncline",
                        "syncline", Secret.of("wrong"), folder.resolve("secret.key"))));
        DatabaseUnavailableException error = assertThrows(DatabaseUnavailableException.class, broken::start);
        assertEquals(DatabaseUnavailableException.Reason.UNREACHABLE, error.reason(), error.getMessage());
        assertEquals(-1, broken.port(), "it never listens");
        broken.stop();
    }

    @Test
    void unknownApiPathIsNotFound() throws Exception {
        assertEquals(404, get("/api/v1/no-such-thing").statusCode());
    }

    @Test
    void pathOutsideTheApiIsNotFound() throws Exception {
        assertEquals(404, get("/index.html").statusCode());
    }

    @Test
    void healthOnlyAnswersGet() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(uri("/api/v1/health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertEquals(405, http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void serverHeaderDoesNotRevealTheVersion() throws Exception {
        assertTrue(get("/api/v1/health").headers().firstValue("Server").isEmpty());
    }

    @Test
    void stopWithoutRequestsInProgressIsQuickAndClosesThePort() throws Exception {
        URI health = uri("/api/v1/health");
        long began = System.nanoTime();
        engine.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "stop took " + took);
        assertEquals(-1, engine.port());
        assertThrows(ConnectException.class, () -> http.send(HttpRequest.newBuilder(health)
                .build(), HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * An idle keep-alive connection is closed by Jetty's shutdown idle timeout (1 s), not
     * held open for the whole stop timeout (5 s here).
     */
    @Test
    void stopDoesNotWaitTheStopTimeoutForIdleKeepAliveConnections() throws Exception {
        assertEquals(200, get("/api/v1/health").statusCode());
        long began = System.nanoTime();
        engine.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "stop took " + took);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + engine.port() + path);
    }
}
