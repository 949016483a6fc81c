package org.syncline.engine.rest;

import org.glassfish.jersey.inject.hk2.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.syncline.engine.EngineRuns;
import org.syncline.engine.RunningEngine;

/** The REST API's resources, mounted at {@code /api}. */
public final class EngineApplication extends ResourceConfig {

    public EngineApplication(RunningEngine engine, EngineRuns runs) {
        register(JacksonFeature.class);
        register(HealthResource.class);
        register(SyncResource.class);
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(engine).to(RunningEngine.class);
                bind(runs).to(EngineRuns.class);
            }
        });
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
    }
}
