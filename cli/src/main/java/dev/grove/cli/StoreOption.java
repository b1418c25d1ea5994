package dev.grove.cli;

import dev.grove.GroveException;
import dev.grove.internal.Heartbeats;
import dev.grove.internal.StaleRuns;
import dev.grove.run.RunRepository;
import dev.grove.store.JooqRunRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --db}: where runs are recorded, for every command that reads or writes them. */
final class StoreOption {
    static final String DEFAULT_DB = "grove.db";
    /** Seconds a RUNNING run may go without a heartbeat before it is presumed dead; the same for every process of a store. */
    static final String STALE_AFTER_ENV = "GROVE_STALE_AFTER";

    @Option(names = "--db", paramLabel = "PATH|JDBC-URL",
            description = "Run store: a SQLite file path or a JDBC URL (jdbc:sqlite:…, jdbc:postgresql://…). "
                    + "Default: $GROVE_DB, else " + DEFAULT_DB + " in the working directory.")
    String db;

    String location() {
        if (db != null && !db.isBlank()) {
            return db.trim();
        }
        String env = System.getenv("GROVE_DB");
        return env != null && !env.isBlank() ? env.trim() : DEFAULT_DB;
    }

    /**
     * Opens the store (creating it when new, for commands that record runs) and marks RUNNING runs
     * whose heartbeat went silent as INTERRUPTED, so every invocation leaves the record honest.
     */
    RunRepository open() {
        RunRepository runs = JooqRunRepository.open(location());
        try {
            StaleRuns.markInterrupted(runs, staleAfter(), Clock.systemUTC());
            return runs;
        } catch (RuntimeException e) {
            runs.close();
            throw e;
        }
    }

    /** As {@link #open()}, but a SQLite file that does not exist is an error: commands that only read never create a store. */
    RunRepository openExisting() {
        Path file = sqliteFile(location());
        if (file != null && !Files.exists(file)) {
            throw new GroveException("no run store at " + Printable.of(file.toString()) + "; check --db (or GROVE_DB), "
                    + "or train first to create one");
        }
        return open();
    }

    /** The heartbeat timeout: {@value #STALE_AFTER_ENV} seconds, else Grove's default. */
    static Duration staleAfter() {
        String env = System.getenv(STALE_AFTER_ENV);
        if (env == null || env.isBlank()) {
            return Heartbeats.DEFAULT_TIMEOUT;
        }
        try {
            double seconds = Double.parseDouble(env.trim());
            if (seconds > 0 && seconds < 1e9) {
                return Duration.ofMillis((long) (seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new GroveException(STALE_AFTER_ENV + "=" + Printable.of(env) + " is not a number of seconds above 0; "
                + "unset it for the default of " + Heartbeats.DEFAULT_TIMEOUT.toSeconds());
    }

    private static Path sqliteFile(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            String p = location.substring("jdbc:sqlite:".length());
            int q = p.indexOf('?');
            return Path.of(q >= 0 ? p.substring(0, q) : p);
        }
        return lower.startsWith("jdbc:") ? null : Path.of(location);
    }
}
