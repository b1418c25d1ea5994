package dev.grove.server;

import dev.grove.Grove;
import dev.grove.InvalidRequestException;
import dev.grove.NotFoundException;
import dev.grove.registry.ModelNames;
import dev.grove.retrain.RetrainPolicy;
import dev.grove.retrain.RetrainScheduler;
import dev.grove.retrain.TriggerEvaluation;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grove over HTTP: the training API (runs, a bounded training queue, progress as server-sent
 * events, cancellation), the model registry and predictions, and the dashboard, all from one
 * process. {@code grove serve} starts one; an application can embed one:
 *
 * <pre>{@code
 * try (Grove grove = Grove.open("runs.db", Path.of("models"));
 *      GroveServer server = GroveServer.builder(grove).port(0).dataDir(Path.of("data")).start()) {
 *     System.out.println(server.uri() + " token " + server.token());
 *     ...
 * }
 * }</pre>
 *
 * <p>Secure by default: it binds 127.0.0.1; every write needs the bearer token (generated when none
 * is given: {@link #token()}); bound to another address, reads need it too unless opened
 * ({@link Builder#openReads(boolean)}); datasets are read only from the data folder; bodies are
 * limited in size; error answers are one line, never a stack trace. The library never prints:
 * showing a generated token is the caller's business. It can retrain models on a schedule while it
 * runs ({@link Builder#retrain}). Closing it stops the retraining schedules, cancels what is queued
 * and stops what trains (those runs end INTERRUPTED); the {@link Grove} and its store stay the caller's.
 */
public final class GroveServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroveServer.class);
    private static final long DRAINED_BODY_FACTOR = 16;
    private static final String SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";

    private final Builder settings;
    private final TrainingQueue queue;
    private final LiveModels live;
    private final RunEvents events;
    private final List<Routes.Route> routes;
    private final Javalin app;
    private final List<RetrainScheduler> schedulers = new ArrayList<>();

    private GroveServer(Builder b) {
        this.settings = b;
        DataFolder data = DataFolder.of(b.dataDir);
        Guard guard = new Guard(b.token, b.host, b.openReads, b.readsNeedToken);
        this.queue = new TrainingQueue(b.grove, data, b.concurrency, b.queueCapacity, Clock.systemUTC());
        this.live = new LiveModels(b.grove, b.livePoll);
        RunsApi runs = new RunsApi(b.grove, queue, data, b.principal, b.admitWait);
        this.events = new RunEvents(b.grove, runs, b.maxStreams);
        this.routes = Routes.table(new SystemApi(b.grove, queue), runs, events, new ModelsApi(b.grove, live, b.principal),
                new PredictApi(live));
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = b.maxBodyBytes;
            cfg.http.prefer405over404 = true;
            QueuedThreadPool threads = new QueuedThreadPool(b.maxThreads, 4, 60_000);
            threads.setName("grove-http");
            cfg.jetty.threadPool = threads;
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setRequestHeaderSize(16 * 1024);
                // a body trickled in slower than this is cut off, so slow senders cannot pin request threads
                http.setMinRequestDataRate(b.minBodyBytesPerSecond);
            });
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
                c.setHost(b.host);
                c.setPort(b.port);
                c.setIdleTimeout(b.idleTimeout.toMillis()); // slow or stalled connections are closed after this
                return c;
            });
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dev/grove/server/dashboard";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "no-cache");
            });
            cfg.router.javaLangErrorHandler((res, error) -> {
                LOG.error("request failed", error);
                res.setStatus(500);
                res.setContentType(Problems.CONTENT_TYPE);
                try {
                    res.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Internal Server Error\","
                            + "\"status\":500,\"detail\":\"internal error; the server log has the details\"}")
                            .getBytes(StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    // the client is gone
                }
            });
            cfg.routes.before(guard::checkHost);
            cfg.routes.before(ctx -> refuseLargeBody(ctx, b.maxBodyBytes));
            Routes.install(cfg, routes, guard);
            cfg.routes.exception(Exception.class, Problems::handle);
            cfg.routes.exception(io.javalin.http.HttpResponseException.class, Problems::handle); // Javalin's own 404, 405, 413
            cfg.routes.after(GroveServer::securityHeaders);
        });
    }

    /**
     * A body announced larger than the limit is refused before anything parses it (a streamed one is
     * cut off at the limit). A body up to {@value #DRAINED_BODY_FACTOR} times the limit is read and
     * discarded first: closing a connection with unread bytes makes the kernel reset it, and the
     * reset can destroy the 413 before the client reads it. A larger body is not worth reading.
     */
    private static void refuseLargeBody(Context ctx, long max) {
        long length = ctx.req().getContentLengthLong();
        if (length > max) {
            if (length <= DRAINED_BODY_FACTOR * max) {
                try (InputStream body = ctx.req().getInputStream()) {
                    body.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    LOG.debug("an oversized request body could not be read to its end", e); // the 413 still goes out
                }
            }
            throw new ApiException(413, "the request body is " + length + " bytes; this server accepts at most " + max);
        }
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", SECURITY_POLICY);
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    /** Starts configuring a server for {@code grove} (its runs, trainers and models folder). */
    public static Builder builder(Grove grove) {
        return new Builder(grove);
    }

    private GroveServer start() {
        try {
            app.start();
        } catch (RuntimeException e) {
            queue.close(Duration.ZERO);
            live.close();
            throw new InvalidRequestException("cannot listen on " + settings.host + ":" + settings.port + ": "
                    + Problems.oneLine(e.getMessage()) + "; choose another --port or --host");
        }
        LOG.info("Grove server listening on {}", uri());
        startRetraining();
        return this;
    }

    /** Starts each retraining schedule; a promotion it makes reaches the served models at once. */
    private synchronized void startRetraining() {
        for (Builder.Retraining r : settings.retraining) {
            LOG.info("retraining {}@{}: checked every {}", r.model(), r.policy().alias(), r.period());
            schedulers.add(RetrainScheduler.every(settings.grove.retrainer(), r.model(), r.policy(), r.period(),
                    e -> evaluated(r.model(), e)));
        }
    }

    private void evaluated(String model, TriggerEvaluation e) {
        if (e.promoted().orElse(false)) {
            live.refresh(model);
        }
    }

    /** The port it listens on (the one chosen when started with port 0). */
    public int port() {
        return app.port();
    }

    public String host() {
        return settings.host;
    }

    /** Where it answers, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String h = settings.host.contains(":") ? "[" + settings.host + "]" : settings.host;
        return URI.create("http://" + h + ":" + port() + "/");
    }

    /** The bearer token writes need: the one given, or the one generated for this server. */
    public String token() {
        return settings.token;
    }

    /** True when the token was generated (none was given), so whoever started the server should pass it on. */
    public boolean tokenGenerated() {
        return settings.tokenGenerated;
    }

    /** True when reads and predictions need no token (bound to loopback, or opened). */
    public boolean readsOpen() {
        return !settings.readsNeedToken && (Guard.isLoopback(settings.host) || settings.openReads);
    }

    /** The data folder datasets are read from. */
    public Path dataDir() {
        return DataFolder.of(settings.dataDir).root();
    }

    /** The routes, as the table declares them (method, path, access), for tests. */
    List<Routes.Route> routes() {
        return routes;
    }

    /**
     * Stops: the retraining schedules end (a retraining in progress is interrupted, its run recorded
     * INTERRUPTED and its evaluation FAILED), no more trainings are accepted, queued ones are
     * cancelled, running ones are stopped and recorded INTERRUPTED (waiting up to 30 s for them), open
     * event streams end, the port closes.
     */
    @Override
    public void close() {
        stopRetraining();
        events.stop();
        queue.close(Duration.ofSeconds(30));
        try {
            app.stop();
        } finally {
            live.close();
        }
    }

    private synchronized void stopRetraining() {
        for (RetrainScheduler s : schedulers) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("could not stop a retraining schedule: {}", e.toString());
            }
        }
        schedulers.clear();
    }

    /** The settings of a {@link GroveServer}; defaults are the secure ones. */
    public static final class Builder {
        private final Grove grove;
        private String host = "127.0.0.1";
        private int port = 8080;
        private Path dataDir = Path.of("");
        private String token;
        private boolean tokenGenerated;
        private int concurrency = 1;
        private int queueCapacity = 16;
        private boolean openReads;
        private boolean readsNeedToken;
        private long maxBodyBytes = 8L << 20;
        private long minBodyBytesPerSecond = 1024;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration livePoll = Duration.ofSeconds(10);
        private Duration admitWait = Duration.ofSeconds(2);
        private int maxStreams = 64;
        private int maxThreads = 200;
        private String principal = "api";
        private final List<Retraining> retraining = new ArrayList<>();

        /** A model retrained on a schedule while the server runs. */
        private record Retraining(String model, RetrainPolicy policy, Duration period) {
        }

        private Builder(Grove grove) {
            this.grove = Objects.requireNonNull(grove, "grove");
        }

        /** The address to bind (default 127.0.0.1; another address makes reads need the token too). */
        public Builder host(String h) {
            this.host = Objects.requireNonNull(h, "host").trim();
            return this;
        }

        /** The port (default 8080; 0 for any free port, then see {@link GroveServer#port()}). */
        public Builder port(int p) {
            if (p < 0 || p > 65535) {
                throw new InvalidRequestException("port must be from 0 to 65535, got " + p);
            }
            this.port = p;
            return this;
        }

        /** The only folder training requests may read datasets from (default: the working directory). */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dataDir");
            return this;
        }

        /** The bearer token for writes (at least 16 printable characters); default: a random one, see {@link #token()}. */
        public Builder token(String t) {
            this.token = Tokens.check(Objects.requireNonNull(t, "token"), "the token given");
            this.tokenGenerated = false;
            return this;
        }

        /** Trainings run at once (default 1). */
        public Builder concurrency(int n) {
            if (n < 1 || n > 64) {
                throw new InvalidRequestException("concurrency must be from 1 to 64, got " + n);
            }
            this.concurrency = n;
            return this;
        }

        /** Trainings that may wait for a worker (default 16); beyond, a request gets 429. */
        public Builder queueCapacity(int n) {
            if (n < 0 || n > 10_000) {
                throw new InvalidRequestException("the queue must hold from 0 to 10000 trainings, got " + n);
            }
            this.queueCapacity = n;
            return this;
        }

        /** Lets reads and predictions through without the token on a non-loopback address. */
        public Builder openReads(boolean open) {
            this.openReads = open;
            return this;
        }

        /** Wants the token for reads and predictions even on a loopback address (a machine shared with other users). */
        public Builder readsNeedToken(boolean need) {
            this.readsNeedToken = need;
            return this;
        }

        /** The largest request body, in bytes (default 8 MiB); larger ones get 413. */
        public Builder maxBodyBytes(long n) {
            if (n < 1024) {
                throw new InvalidRequestException("the body limit must be at least 1024 bytes, got " + n);
            }
            this.maxBodyBytes = n;
            return this;
        }

        /** How long a connection may stay silent before it is closed (default 30 s). */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = positive(d, "idle timeout");
            return this;
        }

        /** The slowest a request body may arrive, in bytes per second (default 1024); slower ones are cut off. */
        public Builder minBodyBytesPerSecond(long n) {
            if (n < 0) {
                throw new InvalidRequestException("the minimum body rate must not be negative, got " + n);
            }
            this.minBodyBytesPerSecond = n;
            return this;
        }

        /** How often a served {@code NAME@ALIAS} checks whether its alias moved (default 10 s). */
        public Builder livePoll(Duration d) {
            this.livePoll = positive(d, "live model poll");
            return this;
        }

        /**
         * How long accepting a training waits, when a worker is free, for its run to be recorded, so
         * the answer carries the run id (or the request's refusal) (default 2 s).
         */
        public Builder admitWait(Duration d) {
            this.admitWait = Objects.requireNonNull(d, "admitWait");
            return this;
        }

        /** Event streams open at once (default 64); more get 503. */
        public Builder maxStreams(int n) {
            if (n < 1) {
                throw new InvalidRequestException("at least one event stream must be allowed, got " + n);
            }
            this.maxStreams = n;
            return this;
        }

        /** Who the history and the run record name when a request does not say ({@code by}, {@code trained_by}); default {@code api}. */
        public Builder principal(String who) {
            this.principal = Objects.requireNonNull(who, "principal");
            return this;
        }

        /**
         * Retrains {@code model} while the server runs: its {@code policy.alias()} holder's triggers are
         * checked once the server listens and then {@code period} after each check ends
         * ({@link RetrainScheduler#every}), each evaluation recorded in the model's trigger history and
         * logged; a challenger the gate promotes is served at once. May be called for several models.
         * {@link #start()} refuses a model or alias that does not exist.
         */
        public Builder retrain(String model, RetrainPolicy policy, Duration period) {
            String name = ModelNames.requireName(Objects.requireNonNull(model, "model").trim());
            Objects.requireNonNull(policy, "policy");
            positive(period, "the retraining period");
            if (retraining.stream().anyMatch(r -> r.model().equals(name) && r.policy().alias().equals(policy.alias()))) {
                throw new InvalidRequestException(name + "@" + policy.alias() + " is scheduled for retraining twice");
            }
            retraining.add(new Retraining(name, policy, period));
            return this;
        }

        /** Each retraining schedule's alias holder exists, before anything starts. */
        private void checkRetraining() {
            for (Retraining r : retraining) {
                String ref = r.model() + "@" + r.policy().alias();
                try {
                    grove.models().resolve(ref);
                } catch (NotFoundException e) {
                    throw new NotFoundException("cannot retrain " + ref + ": " + e.getMessage());
                }
            }
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new InvalidRequestException(what + " must be positive, got " + d);
            }
            return d;
        }

        /** The token this server will use: the one given, else one generated now. */
        public String token() {
            if (token == null) {
                token = Tokens.generate();
                tokenGenerated = true;
            }
            return token;
        }

        /**
         * Binds and starts answering.
         *
         * @throws InvalidRequestException when the data folder is missing or the address cannot be bound
         */
        public GroveServer start() {
            if (openReads && readsNeedToken) {
                throw new InvalidRequestException("reads cannot be both open and in need of the token; choose one");
            }
            checkRetraining();
            token();
            return new GroveServer(this).start();
        }
    }
}
