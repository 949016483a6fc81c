package org.syncline.engine.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.syncline.engine.DatabaseHealth;

/**
 * The body of {@code GET /api/v1/health}.
 *
 * @param status {@value #UP} while the engine serves requests
 * @param name the engine's configured name
 * @param version the Syncline release
 * @param startedAt when the engine started, ISO-8601 in UTC
 * @param database the shared database as of this request; absent for an engine run without one
 *     (tests)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthReport(String status, String name, String version, String startedAt, DatabaseHealth database) {

    public static final String UP = "UP";
}
