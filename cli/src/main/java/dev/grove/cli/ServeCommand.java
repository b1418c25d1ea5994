package dev.grove.cli;

import dev.grove.Grove;
import dev.grove.retrain.DriftRule;
import dev.grove.retrain.RetrainPolicy;
import dev.grove.server.GroveServer;
import dev.grove.server.Tokens;
import dev.grove.run.RunRepository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code grove serve}: the training API and the dashboard on one port until stopped. The only place
 * a generated token is shown: printed once here, never logged.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the training API, the model registry, predictions and the dashboard over HTTP.",
            "Binds 127.0.0.1 unless --host says otherwise. Every write (train, cancel, alias, promote, rollback) needs "
                + "the bearer token: $GROVE_TOKEN, --token-file, or one generated and printed once at start. Reads and "
                + "predictions are open on a loopback address and need the token elsewhere unless --open-reads.",
            "Training requests name datasets inside --data-dir only. Ctrl-C or SIGTERM stops it: queued trainings are "
                + "cancelled and running ones recorded INTERRUPTED.",
            "With --retrain NAME it also retrains that model while it runs, as 'grove retrain --name NAME' would, "
                + "checking at start and then every --retrain-every; every check is in the model's trigger history."})
final class ServeCommand implements Callable<Integer> {
    static final String TOKEN_ENV = "GROVE_TOKEN";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 for any free one. Default: ${DEFAULT-VALUE}.")
    int port = 8080;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind. Default: ${DEFAULT-VALUE} (this machine only).")
    String host = "127.0.0.1";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The only folder training requests may read datasets from. Default: the working directory.")
    Path dataDir = Path.of("");

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Where models are written. Default: ${DEFAULT-VALUE}.")
    Path modelsDir = TrainCommand.MODELS_DIR;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Read the bearer token from FILE (at least 16 characters). Default: $" + TOKEN_ENV
                    + ", else a random token printed once.")
    Path tokenFile;

    @Option(names = "--concurrency", paramLabel = "N", description = "Trainings run at once. Default: ${DEFAULT-VALUE}.")
    int concurrency = 1;

    @Option(names = "--queue", paramLabel = "N",
            description = "Trainings that may wait; beyond, a request gets 429 with Retry-After. Default: ${DEFAULT-VALUE}.")
    int queue = 16;

    @Option(names = "--open-reads", description = "Bound beyond loopback, let reads and predictions through without the token.")
    boolean openReads;

    @Option(names = "--token-for-reads",
            description = "Want the token for reads and predictions even on loopback (a machine shared with other users).")
    boolean tokenForReads;

    @Option(names = "--retrain", paramLabel = "NAME[@ALIAS]",
            description = "Retrain this model while serving (repeatable): when the rows its ALIAS holder (default "
                    + "production) was trained on changed (or another trigger below fires), train a challenger with "
                    + "the holder's settings and promote it through the gate.")
    List<String> retrain = new ArrayList<>();

    @Option(names = "--retrain-every", paramLabel = "PERIOD", converter = PeriodConverter.class,
            description = "How often the --retrain models' triggers are checked (after each check ends): 90s, 30m, 6h, "
                    + "1d, PT6H. Default: 15m.")
    Duration retrainEvery = Duration.ofMinutes(15);

    @Option(names = "--retrain-cron", paramLabel = "EXPR",
            description = "Also retrain when a time of this Unix cron expression (UTC) has passed since the last "
                    + "training, e.g. '0 3 * * *' (as grove retrain --cron).")
    String retrainCron;

    @Option(names = "--retrain-drift",
            description = "Also retrain when the features drifted: PSI beyond sampling noise above 0.2 on at least 30% "
                    + "of them (as grove retrain --drift).")
    boolean retrainDrift;

    @Mixin
    StoreOption store;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() throws InterruptedException {
        List<String[]> retraining = retraining();
        String token = token();
        RunRepository runs = store.open();
        GroveServer server;
        try {
            Grove grove = Grove.builder().runs(runs).modelsDir(modelsDir).staleAfter(StoreOption.staleAfter()).build();
            GroveServer.Builder b = GroveServer.builder(grove).host(host).port(port).dataDir(dataDir)
                    .concurrency(concurrency).queueCapacity(queue).openReads(openReads).readsNeedToken(tokenForReads)
                    .principal("api");
            if (token != null) {
                b.token(token);
            }
            for (String[] r : retraining) {
                b.retrain(r[0], policy(r[1]), retrainEvery);
            }
            server = b.start(); // refuses a --retrain model or alias that does not exist, before anything starts
        } catch (RuntimeException e) {
            runs.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close(); // cancels the queue, records running trainings INTERRUPTED
            } finally {
                runs.close();
                stopped.countDown();
            }
        }, "grove-serve-stop"));
        announce(server, runs.location(), retraining);
        stopped.await();
        return ExitCodes.OK;
    }

    /** Each {@code --retrain NAME[@ALIAS]} as {NAME, ALIAS}; the other --retrain options need one. */
    private List<String[]> retraining() {
        List<String[]> out = new ArrayList<>();
        for (String r : retrain) {
            String v = r.trim();
            int at = v.indexOf('@');
            out.add(at < 0 ? new String[] {v, "production"} : new String[] {v.substring(0, at), v.substring(at + 1)});
        }
        boolean tuned = spec.commandLine().getParseResult().hasMatchedOption("--retrain-every") || retrainCron != null
                || retrainDrift;
        if (out.isEmpty() && tuned) {
            throw new ParameterException(spec.commandLine(), "--retrain-every, --retrain-cron and --retrain-drift "
                    + "need --retrain NAME: the model to retrain");
        }
        return out;
    }

    private RetrainPolicy policy(String alias) {
        RetrainPolicy p = RetrainPolicy.defaults().withAlias(alias);
        if (retrainCron != null) {
            p = p.withCron(retrainCron);
        }
        return retrainDrift ? p.withDrift(DriftRule.DEFAULT) : p;
    }

    /** The token given (file first, then the environment), or null for the server to generate one. */
    private String token() {
        if (tokenFile != null) {
            return Tokens.read(tokenFile);
        }
        String env = System.getenv(TOKEN_ENV);
        return env == null || env.isBlank() ? null : Tokens.check(env.trim(), "$" + TOKEN_ENV);
    }

    private void announce(GroveServer server, String location, List<String[]> retraining) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Grove server on " + server.uri() + " (dashboard; the API is described at " + server.uri()
                + "openapi.json)");
        out.println("  Store:        " + Printable.of(location));
        out.println("  Data folder:  " + Printable.of(server.dataDir().toString()) + " (datasets are named inside it)");
        out.println("  Models:       " + Printable.of(modelsDir.toAbsolutePath().normalize().toString()));
        out.println("  Trainings:    " + concurrency + " at a time, " + queue + " may wait");
        out.println("  Reads:        " + (server.readsOpen() ? "open to anyone who can reach " + server.host()
                : "need the token") + "; writes need the token");
        if (!retraining.isEmpty()) {
            List<String> triggers = new ArrayList<>(List.of("new data"));
            if (retrainCron != null) {
                triggers.add("cron '" + retrainCron + "'");
            }
            if (retrainDrift) {
                triggers.add("drift");
            }
            out.println("  Retraining:   " + Printable.of(String.join(", ", retraining.stream().map(r -> r[0] + "@" + r[1])
                    .toList())) + ", checked every " + Printable.of(PeriodConverter.describe(retrainEvery)) + " ("
                    + Printable.of(String.join(", ", triggers)) + "); see 'grove retrain --history NAME'");
        }
        if (server.tokenGenerated()) {
            out.println("Token (generated for this process; set " + TOKEN_ENV + " or --token-file to choose your own):");
            out.println("  " + server.token());
        } else {
            out.println("Token:        from " + (tokenFile != null ? Printable.of(tokenFile.toString()) : "$" + TOKEN_ENV));
        }
        out.println("Stop with Ctrl-C.");
        out.flush();
    }
}
