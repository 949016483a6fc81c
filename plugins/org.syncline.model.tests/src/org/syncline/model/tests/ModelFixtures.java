package org.syncline.model.tests;

import org.syncline.model.Job;
import org.syncline.model.JobPath;
import org.syncline.model.Machine;
import org.syncline.model.SynclineFactory;

/** Small valid model objects for tests to start from. */
final class ModelFixtures {

    static final SynclineFactory FACTORY = SynclineFactory.eINSTANCE;

    private ModelFixtures() {
    }

    static Machine machine(String name) {
        Machine machine = FACTORY.createMachine();
        machine.setName(name);
        machine.setHostName(name.toLowerCase() + ".example.org");
        return machine;
    }

    /** A valid job with two paths on two machines. */
    static Job job(String name) {
        Job job = FACTORY.createJob();
        job.setName(name);
        job.setFilter(FACTORY.createFileFilter());
        job.setOptions(FACTORY.createJobOptions());
        job.getPaths().add(path(machine("Alpha"), "/data"));
        job.getPaths().add(path(machine("Beta"), "/data"));
        return job;
    }

    static JobPath path(Machine machine, String folder) {
        JobPath path = FACTORY.createJobPath();
        path.setMachine(machine);
        path.setFolder(folder);
        return path;
    }
}
