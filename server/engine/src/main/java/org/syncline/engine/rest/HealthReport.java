package org.syncline.engine.rest;

/**
 * The body of {@code GET /api/v1/health}.
 *
 * @param status {@value #UP} while the engine serves requests
 * @param name the engine's configured name
 * @param version the Syncline release
 * @param startedAt when the engine started, ISO-8601 in UTC
 */
public record HealthReport(String status, String name, String version, String startedAt) {

    public static final String UP = "UP";
}
