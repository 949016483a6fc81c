package org.syncline.engine.rest;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.jersey.server.ChunkedOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.engine.EngineRuns;
import org.syncline.sync.cli.EngineAccess;
import org.syncline.sync.cli.EngineClient;
import org.syncline.sync.exec.Cancellation;

/**
 * {@code POST /api/v1/sync}: runs a {@code syncline sync} command line for a caller that holds the
 * engine's access token, streaming its output and exit code as {@link EngineClient} describes. A
 * caller that goes away cancels its run.
 */
@Path(EngineClient.PATH)
@Singleton
public final class SyncResource {

    /** How often a run's output is sent on; a run printing nothing for this long sends "alive". */
    private static final long TICK_MILLIS = 250;
    private static final long ALIVE_MILLIS = 1000;

    private static final AtomicLong RUNS = new AtomicLong();
    private static final Logger LOG = LoggerFactory.getLogger(SyncResource.class);

    private final EngineRuns runs;

    @Inject
    public SyncResource(EngineRuns runs) {
        this.runs = runs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    public Response sync(@HeaderParam("Authorization") String authorization,
            @FormParam(EngineClient.ARGUMENT) List<String> arguments,
            @FormParam(EngineClient.WORKING_DIRECTORY) String workingDirectory) {
        EngineAccess access = runs.access();
        if (access == null) {
            return plain(Response.Status.SERVICE_UNAVAILABLE, "the engine is starting or stopping; try again");
        }
        String bearer = "Bearer ";
        if (authorization == null || !authorization.startsWith(bearer) || !access.accepts(authorization.substring(bearer.length()))) {
            return plain(Response.Status.UNAUTHORIZED, "wrong or missing access token: give the token of the engine's"
                    + " access file (syncline sync --engine does)");
        }
        java.nio.file.Path folder;
        try {
            folder = workingDirectory == null ? null : java.nio.file.Path.of(workingDirectory);
        } catch (InvalidPathException e) {
            folder = null;
        }
        if (folder == null || !folder.isAbsolute() || !Files.isDirectory(folder)) {
            return plain(Response.Status.BAD_REQUEST, "the working folder '" + workingDirectory
                    + "' is not an absolute path of a folder on the engine's machine");
        }
        java.nio.file.Path cwd = folder;
        // A chunked answer: each tick's lines reach the caller at once (a streamed entity's flush
        // does not, with this Jersey), written by the run's own threads.
        ChunkedOutput<String> answer = new ChunkedOutput<>(String.class, new byte[0]);
        Thread.ofPlatform().name("engine-sync-" + RUNS.incrementAndGet()).start(() -> stream(arguments, cwd, answer));
        return Response.ok(answer).build();
    }

    /**
     * Runs the command on a thread of its own while this thread sends its output on: every tick,
     * the lines it printed since, or "alive" after a quiet second. Only this thread writes the answer.
     */
    private void stream(List<String> arguments, java.nio.file.Path cwd, ChunkedOutput<String> answer) {
        Cancellation cancellation = new Cancellation();
        Lines lines = new Lines(answer, cancellation);
        PrintWriter out = new PrintWriter(lines.framed(EngineClient.OUT));
        PrintWriter err = new PrintWriter(lines.framed(EngineClient.ERR));
        CompletableFuture<Integer> run = new CompletableFuture<>();
        Thread.ofPlatform().name(Thread.currentThread().getName() + "-run").start(() -> {
            try (out; err) {
                run.complete(runs.run(arguments, cwd, out, err, cancellation));
            } catch (Throwable e) {
                run.completeExceptionally(e);
            }
        });
        int exit = 1;
        while (true) {
            try {
                exit = run.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                lines.tick();
            } catch (InterruptedException e) {
                cancellation.cancel();
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.error("A sync run for a caller failed", e.getCause());
                break;
            }
        }
        lines.end(exit);
        try {
            answer.close();
        } catch (IOException e) {
            // the caller went away at the end: nothing more to tell it
        }
    }

    private static Response plain(Response.Status status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN + ";charset=UTF-8").entity(message + "\n").build();
    }

    /**
     * One run's answer: whole lines of its output and error, collected as it prints them and sent
     * by the run's output thread on every tick. A write that fails means the caller went away: the run
     * is cancelled and the rest of its output dropped.
     */
    static final class Lines {

        private final ChunkedOutput<String> channel;
        private final Cancellation cancellation;
        private final StringBuilder pending = new StringBuilder();
        private boolean broken;
        private long quietSince = System.nanoTime();

        Lines(ChunkedOutput<String> channel, Cancellation cancellation) {
            this.channel = channel;
            this.cancellation = cancellation;
        }

        /** A writer whose every line goes to the answer with {@code prefix}. */
        Writer framed(String prefix) {
            return new Writer() {
                private final StringBuilder line = new StringBuilder();

                @Override
                public void write(char[] chars, int offset, int length) {
                    for (int i = offset; i < offset + length; i++) {
                        char c = chars[i];
                        if (c == '\n') {
                            add(prefix, line);
                            line.setLength(0);
                        } else if (c != '\r') {
                            line.append(c);
                        }
                    }
                }

                @Override
                public void flush() {
                    // whole lines are sent on the next tick
                }

                @Override
                public void close() {
                    if (!line.isEmpty()) {
                        add(prefix, line);
                        line.setLength(0);
                    }
                }
            };
        }

        private synchronized void add(String prefix, CharSequence text) {
            if (!broken) {
                pending.append(prefix).append(text).append('\n');
            }
        }

        /** Sends what was printed since the last tick, or "alive" after a quiet second. */
        void tick() {
            String text;
            synchronized (this) {
                text = pending.toString();
                pending.setLength(0);
            }
            long now = System.nanoTime();
            if (!text.isEmpty()) {
                quietSince = now;
            } else if (now - quietSince >= TimeUnit.MILLISECONDS.toNanos(ALIVE_MILLIS)) {
                text = EngineClient.ALIVE + "\n";
                quietSince = now;
            }
            send(text);
        }

        /** Sends the rest of the output and the exit code. */
        void end(int exit) {
            add(EngineClient.EXIT, Integer.toString(exit));
            tick();
        }

        private void send(String text) {
            if (broken) {
                return;
            }
            try {
                if (!text.isEmpty()) {
                    channel.write(text);
                }
            } catch (IOException e) {
                synchronized (this) {
                    broken = true;
                    pending.setLength(0);
                }
                cancellation.cancel();
            }
        }
    }
}
