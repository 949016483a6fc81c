package org.syncline.engine.rest;

import org.glassfish.jersey.inject.hk2.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.syncline.engine.RunningEngine;

/** The REST API's resources, mounted at {@code /api}. */
public final class EngineApplication extends ResourceConfig {

    public EngineApplication(RunningEngine engine) {
        register(JacksonFeature.class);
        register(HealthResource.class);
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(engine).to(RunningEngine.class);
            }
        });
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
    }
}
