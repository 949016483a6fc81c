package org.syncline.persistence.internal;

import org.syncline.model.Entity;
import org.syncline.model.ManagedObject;
import org.syncline.model.RealTimeMonitor;
import org.syncline.model.Scheduler;
import org.syncline.model.User;

/** Names objects in messages the way people see them: "Job 'Backup'", "Scheduler 'engine-1'". */
public final class Names {

    private Names() {
    }

    /** "Job 'Backup'", or "The new job" when the object has no name. */
    public static String of(Entity entity) {
        String kind = entity instanceof RealTimeMonitor ? "Real-time monitor" : entity.eClass().getName();
        String name = switch (entity) {
            case ManagedObject managed -> managed.getName();
            case Scheduler scheduler -> scheduler.getName();
            case User user -> user.getLoginName();
            default -> null;
        };
        return name == null || name.isBlank() ? "The new " + kind.toLowerCase(java.util.Locale.ROOT) : kind + " '" + name + "'";
    }
}
