package org.syncline.engine.rest;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.syncline.engine.EngineRuns;
import org.syncline.engine.RunningEngine;

/**
 * {@code GET /api/v1/health}: whether the engine is up, which engine it is, how its database is,
 * and what it remembers of the local folders its runs scanned.
 */
@Path("v1/health")
@Singleton
public final class HealthResource {

    private final RunningEngine engine;
    private final EngineRuns runs;

    @Inject
    public HealthResource(RunningEngine engine, EngineRuns runs) {
        this.engine = engine;
        this.runs = runs;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public HealthReport health() {
        return new HealthReport(HealthReport.UP, engine.name(), engine.version(),
                String.valueOf(engine.startedAt()), engine.database() == null ? null : engine.database().health(),
                HealthReport.Journals.of(runs.journals()));
    }
}
