package dev.grove.server;

import dev.grove.Grove;
import dev.grove.internal.RunView;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GET /api/runs/{id}/events: a training's progress as server-sent events (see {@link JobEvent}),
 * replayed from the start (or after {@code Last-Event-ID}) and then live until {@code done}. A run
 * this server does not train gets one {@code done} event once it has finished (a RUNNING run of
 * another process is watched in the store). Each stream has its own thread, so a slow reader
 * delays nobody else; a comment every few seconds finds readers that are gone.
 */
final class RunEvents {
    private static final long KEEP_ALIVE_MILLIS = 10_000;
    private static final long STORE_POLL_MILLIS = 1_000;

    private final Grove grove;
    private final RunsApi runs;
    private final int maxStreams;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();

    RunEvents(Grove grove, RunsApi runs, int maxStreams) {
        this.grove = grove;
        this.runs = runs;
        this.maxStreams = maxStreams;
    }

    void stream(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiException(406, "this is a stream of server-sent events: send 'Accept: text/event-stream' "
                    + "(curl -N -H 'Accept: text/event-stream' …)");
        }
        String ref = ctx.pathParam("id");
        Optional<Job> job = runs.job(ref);
        TrainingRun run = job.isPresent() ? null : grove.models().resolve(ref); // 404 before the stream opens
        long after = lastEventId(ctx);
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw new ApiException(503, "too many event streams are open (" + maxStreams + "); close one or try again",
                    Map.of("Retry-After", "5"), Map.of());
        }
        try {
            new SseHandler(0, client -> {
                try {
                    if (job.isPresent()) {
                        follow(client, job.get(), after);
                    } else {
                        watch(client, run);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    open.decrementAndGet();
                    client.close();
                }
            }).handle(ctx);
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
    }

    private static long lastEventId(Context ctx) {
        String id = ctx.header("Last-Event-ID");
        try {
            return id == null ? 0 : Math.max(0, Long.parseLong(id.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void follow(SseClient client, Job job, long after) throws InterruptedException {
        long last = after;
        while (!client.terminated() && !stopping.get()) {
            List<JobEvent> events = job.eventsAfter(last, KEEP_ALIVE_MILLIS);
            if (events.isEmpty()) {
                if (job.state().finished()) {
                    return;
                }
                client.sendComment("waiting");
                continue;
            }
            for (JobEvent e : events) {
                client.sendEvent(e.type(), Json.text(e.data()), Long.toString(e.id()));
                last = e.id();
                if (e.type().equals("done")) {
                    return;
                }
            }
        }
    }

    /** A run trained elsewhere (or before this server started): its end, when it comes. */
    private void watch(SseClient client, TrainingRun run) throws InterruptedException {
        TrainingRun now = run;
        long quiet = 0;
        while (now.status() == RunStatus.RUNNING && !client.terminated() && !stopping.get()) {
            Thread.sleep(STORE_POLL_MILLIS);
            quiet += STORE_POLL_MILLIS;
            if (quiet >= KEEP_ALIVE_MILLIS) {
                client.sendComment("running in another process");
                quiet = 0;
            }
            now = grove.runs().findById(run.id()).orElse(now);
        }
        if (now.status() != RunStatus.RUNNING) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("model_version", now.modelVersion());
            d.put("status", now.status().name());
            d.put("run_id", now.id());
            d.put("run", RunView.of(now));
            d.put("error", now.error().orElse(null));
            client.sendEvent("done", Json.text(d), "1");
        }
    }

    /** Ends every stream soon (the server is stopping). */
    void stop() {
        stopping.set(true);
    }
}
