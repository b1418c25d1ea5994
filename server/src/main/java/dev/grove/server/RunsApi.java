package dev.grove.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grove.Grove;
import dev.grove.internal.RunView;
import dev.grove.run.RunField;
import dev.grove.run.RunQuery;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.train.SourceTrainer;
import dev.grove.train.Trainer;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/runs}: the run record (listed with the CLI's filters, order and paging; one run;
 * several compared), and trainings: accepted onto the queue, followed, cancelled. A run is named
 * as on the command line: a run id, a model version, or {@code NAME@ALIAS}; a training the server
 * accepted is named by its model version from the moment it is accepted.
 */
final class RunsApi {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> LIST_PARAMS = Set.of("status", "trainer", "model", "version", "dataset_sha256",
            "since", "until", "sort", "asc", "limit", "offset");
    private static final Set<String> CANCEL_KEYS = Set.of("reason", "by");
    /** How long cancelling a running training waits for its run to be recorded INTERRUPTED before answering 202. */
    private static final long CANCEL_WAIT_MILLIS = 10_000;

    private final Grove grove;
    private final TrainingQueue queue;
    private final DataFolder data;
    private final String principal;
    private final Duration admitWait;

    RunsApi(Grove grove, TrainingQueue queue, DataFolder data, String principal, Duration admitWait) {
        this.grove = grove;
        this.queue = queue;
        this.data = data;
        this.principal = principal;
        this.admitWait = admitWait;
    }

    /** GET /api/runs */
    void list(Context ctx) {
        Query.requireKnown(ctx, LIST_PARAMS);
        int limit = Query.integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = Query.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        boolean asc = Query.bool(ctx, "asc", false);
        RunQuery q = RunQuery.all().orderBy(RunField.parse(Query.string(ctx, "sort").orElse("started-at")), !asc)
                .withLimit(limit + 1).withOffset(offset); // one past the page says whether more exist
        Optional<String> status = Query.string(ctx, "status");
        if (status.isPresent()) {
            q = q.withStatus(status(status.get()));
        }
        q = Query.string(ctx, "trainer").map(q::withTrainer).orElse(q);
        q = Query.string(ctx, "model").map(q::withModelName).orElse(q);
        q = Query.string(ctx, "version").map(q::withVersionPattern).orElse(q);
        q = Query.string(ctx, "dataset_sha256").map(q::withDatasetSha256).orElse(q);
        q = Query.string(ctx, "since").map(s -> instant(s, "since")).map(q::withFrom).orElse(q);
        q = Query.string(ctx, "until").map(s -> instant(s, "until")).map(q::withTo).orElse(q);
        List<TrainingRun> found = grove.runs().list(q);
        boolean more = found.size() > limit;
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("runs", found.stream().limit(limit).map(RunView::of).toList());
        page.put("offset", offset);
        page.put("limit", limit);
        page.put("more", more);
        Json.write(ctx, page);
    }

    private static RunStatus status(String text) {
        try {
            return RunStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "status '" + text + "' is not one of RUNNING, SUCCEEDED, FAILED, INTERRUPTED");
        }
    }

    private static Instant instant(String text, String name) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "'" + name + "' is '" + text + "', not a date (2026-11-27) or an ISO instant "
                    + "(2026-11-27T10:15:30Z)");
        }
    }

    /** GET /api/runs/{id} */
    void show(Context ctx) {
        Json.write(ctx, view(ctx.pathParam("id")));
    }

    /** A run as recorded, or, for a training not recorded yet (queued, refused, cancelled early), its job. */
    Map<String, Object> view(String ref) {
        Optional<Job> job = job(ref);
        if (job.isPresent() && job.get().runId().isEmpty()) {
            return job.get().view(queue.position(job.get()));
        }
        String lookup = job.map(j -> "id:" + j.runId().getAsLong()).orElse(ref);
        return RunView.of(grove.models().resolve(lookup));
    }

    /** The job this server runs or ran for a reference, if any: by run id, by model version. */
    Optional<Job> job(String ref) {
        String r = ref.trim();
        if (r.matches("\\d{1,18}")) {
            return queue.findByRun(Long.parseLong(r));
        }
        if (r.startsWith("id:") && r.substring(3).matches("\\d{1,18}")) {
            return queue.findByRun(Long.parseLong(r.substring(3)));
        }
        return queue.find(r.startsWith("version:") ? r.substring("version:".length()) : r);
    }

    /** POST /api/runs */
    void create(Context ctx) throws InterruptedException {
        ObjectNode body = Json.object(ctx);
        TrainingRequests.Parsed parsed = TrainingRequests.parse(body, data, principal);
        // what needs no data is checked now, so a queued request is not refused an hour later for a typo
        Trainer trainer = parsed.request().trainer().map(grove.trainers()::get)
                .orElseGet(() -> grove.trainers().defaultTrainer());
        if (trainer instanceof SourceTrainer) {
            throw new ApiException(400, "trainer '" + trainer.name() + "' reads its data where it lives, but the server "
                    + "trains on CSV files in its data folder only; train with it through 'grove train --trainer "
                    + trainer.name() + " --dataset PATH|URI' (or its spark-submit job)");
        }
        trainer.validate(parsed.request().params());
        TrainingQueue.Accepted accepted = queue.submit(parsed);
        Job job = accepted.job();
        if (accepted.startsNow()) {
            // an idle worker starts it at once: wait a moment for its run id, or for the refusal a bad request gets
            job.awaitRecorded(admitWait.toMillis());
        }
        if (job.state() == Job.State.REFUSED) {
            throw new ApiException(job.errorStatus(), job.error().orElse("the training was refused"));
        }
        ctx.status(202).header("Location", "/api/runs/" + job.version());
        Json.write(ctx, view(job.version()));
    }

    /** POST /api/runs/{id}/cancel */
    void cancel(Context ctx) throws InterruptedException {
        Fields f = Fields.of(Json.optionalObject(ctx), CANCEL_KEYS, Map.of());
        String ref = ctx.pathParam("id");
        Optional<Job> job = job(ref);
        if (job.isEmpty()) {
            TrainingRun run = grove.models().resolve(ref); // 404 when there is no such run
            throw new ApiException(409, run.status() == RunStatus.RUNNING
                    ? "run " + run.id() + " (" + run.modelVersion() + ") is being trained by another process (pid "
                    + run.spec().pid() + " on " + run.spec().host() + "); this server cancels only trainings it runs"
                    : "run " + run.id() + " (" + run.modelVersion() + ") is " + run.status() + "; only a queued or "
                    + "running training can be cancelled");
        }
        Job j = job.get();
        String who = f.string("by").orElse(principal);
        String reason = "cancelled through the API by " + who + f.string("reason").map(r -> " (" + r + ")").orElse("");
        boolean wasWaiting = queue.cancel(j, reason);
        boolean ended = wasWaiting || j.awaitFinished(CANCEL_WAIT_MILLIS);
        ctx.status(ended ? 200 : 202);
        Json.write(ctx, view(j.version()));
    }

    /** GET /api/queue: trainings running, then waiting, in order. */
    void queue(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("concurrency", queue.concurrency());
        m.put("capacity", queue.capacity());
        m.put("jobs", queue.active().stream().map(j -> view(j.version())).toList());
        Json.write(ctx, m);
    }

    /** GET /api/datasets: the CSV files training requests can name. */
    void datasets(Context ctx) {
        Json.write(ctx, Map.of("datasets", data.list(500)));
    }

    /**
     * GET /api/compare?runs=A,B[,…]: the runs' recorded fields and params side by side, each with
     * whether it differs between them.
     */
    void compare(Context ctx) {
        Query.requireKnown(ctx, Set.of("runs"));
        List<String> refs = Query.string(ctx, "runs").map(s -> List.of(s.split(","))).orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (refs.size() < 2 || refs.size() > 20) {
            throw new ApiException(400, "give 2 to 20 runs to compare: ?runs=3,5 (run ids or model versions)");
        }
        List<TrainingRun> runs = new ArrayList<>();
        for (String r : refs) {
            runs.add(grove.models().resolve(r));
        }
        List<Map<String, Object>> views = runs.stream().map(RunView::of).toList();
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String key : views.get(0).keySet()) {
            fields.put(key, field(views.stream().map(v -> v.get(key)).toList()));
        }
        Set<String> params = new LinkedHashSet<>();
        runs.forEach(r -> params.addAll(r.params().keySet()));
        for (String p : params) {
            fields.put("param." + p, field(runs.stream().map(r -> (Object) r.params().get(p)).toList()));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runs", runs.stream().map(TrainingRun::id).toList());
        doc.put("fields", fields);
        Json.write(ctx, doc);
    }

    private static Map<String, Object> field(List<Object> values) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("values", values);
        f.put("differs", values.stream().map(v -> Objects.toString(v, null)).distinct().count() > 1);
        return f;
    }
}
