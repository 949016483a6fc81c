package org.syncline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code syncline version}: prints the Syncline release and the Java runtime. */
@Command(name = "version", description = "Prints the Syncline version and the Java runtime.")
public final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().printf("Syncline %s%nJava %s (%s)%n", SynclineVersion.current(),
                Runtime.version(), System.getProperty("java.vendor"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
