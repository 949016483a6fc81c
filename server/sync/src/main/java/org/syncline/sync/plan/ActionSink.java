package org.syncline.sync.plan;

import java.io.IOException;

/**
 * Receives a plan's actions one at a time, in plan order, as the reconciler decides them, so that
 * a preview can show a plan of any size without holding it. Called on the reconciling thread.
 */
@FunctionalInterface
public interface ActionSink {

    /** One more action; a failure stops the reconciliation. */
    void planned(Action action) throws IOException;
}
