package dev.grove.cli;

import dev.grove.Grove;
import dev.grove.server.GroveServer;
import dev.grove.server.Tokens;
import dev.grove.run.RunRepository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
                + "cancelled and running ones recorded INTERRUPTED."})
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

    @Mixin
    StoreOption store;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() throws InterruptedException {
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
            server = b.start();
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
        announce(server, runs.location());
        stopped.await();
        return ExitCodes.OK;
    }

    /** The token given (file first, then the environment), or null for the server to generate one. */
    private String token() {
        if (tokenFile != null) {
            return Tokens.read(tokenFile);
        }
        String env = System.getenv(TOKEN_ENV);
        return env == null || env.isBlank() ? null : Tokens.check(env.trim(), "$" + TOKEN_ENV);
    }

    private void announce(GroveServer server, String location) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Grove server on " + server.uri() + " (dashboard; the API is described at " + server.uri()
                + "openapi.json)");
        out.println("  Store:        " + Printable.of(location));
        out.println("  Data folder:  " + Printable.of(server.dataDir().toString()) + " (datasets are named inside it)");
        out.println("  Models:       " + Printable.of(modelsDir.toAbsolutePath().normalize().toString()));
        out.println("  Trainings:    " + concurrency + " at a time, " + queue + " may wait");
        out.println("  Reads:        " + (server.readsOpen() ? "open to anyone who can reach " + server.host()
                : "need the token") + "; writes need the token");
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
