package org.syncline.sync.cli;

import org.syncline.sync.exec.Cancellation;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns Ctrl-C (SIGINT) or SIGTERM during a one-shot run into a cancellation instead of an abrupt
 * end: the run stops, discards the copies in progress, keeps what was copied, records itself as
 * cancelled and releases its job before the process exits (with 130 or 143, as shells expect). A
 * second signal ends the process at once; the temporary files it leaves are removed by the next
 * run (their writer is gone). The signals are caught, not left to the JVM's shutdown, because the
 * embedded database closes itself at shutdown, before the run could record how it ended.
 */
final class Interruption implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final AtomicReference<Signal> received = new AtomicReference<>();

    private Interruption() {
    }

    /** Catches nothing: for runs in the engine, which stops its runs itself. */
    static Interruption none() {
        return new Interruption();
    }

    /** Catches the signals until {@link #close}; on the first, tells {@code err} and cancels. */
    static Interruption install(Cancellation cancellation, PrintWriter err) {
        Interruption interruption = new Interruption();
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                interruption.previous.put(signal, Signal.handle(signal, caught -> {
                    if (interruption.received.compareAndSet(null, caught)) {
                        err.println("syncline sync: interrupted (SIG" + caught.getName() + "); stopping the run: copies in"
                                + " progress are discarded, what was copied stays. Interrupt again to stop at once.");
                        err.flush();
                        cancellation.cancel();
                    } else {
                        Runtime.getRuntime().halt(128 + caught.getNumber());
                    }
                }));
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal for itself (-Xrs): it ends the process as before.
            }
        }
        return interruption;
    }

    /** The exit code a shell expects after the signal that interrupted the run, or {@code normal}. */
    int exitCode(int normal) {
        Signal signal = received.get();
        return signal == null ? normal : 128 + signal.getNumber();
    }

    /** Gives the signals back to the JVM. */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
