package dev.grove.cli;

import dev.grove.internal.Heartbeats;
import dev.grove.run.RunRepository;
import dev.grove.internal.StaleRuns;
import dev.grove.store.JooqRunRepository;
import java.time.Clock;
import picocli.CommandLine.Option;

/** {@code --db}: where runs are recorded, for every command that reads or writes them. */
final class StoreOption {
    static final String DEFAULT_DB = "grove.db";

    @Option(names = "--db", paramLabel = "PATH|JDBC-URL",
            description = "Run store: a SQLite file path or a JDBC URL (jdbc:sqlite:…, jdbc:postgresql://…). "
                    + "Default: $GROVE_DB, else " + DEFAULT_DB + " in the working directory.")
    String db;

    String location() {
        if (db != null && !db.isBlank()) {
            return db;
        }
        String env = System.getenv("GROVE_DB");
        return env != null && !env.isBlank() ? env : DEFAULT_DB;
    }

    /**
     * Opens the store and marks RUNNING runs whose heartbeat stopped as INTERRUPTED, so every
     * invocation leaves the record honest.
     */
    RunRepository open() {
        RunRepository runs = JooqRunRepository.open(location());
        try {
            StaleRuns.markInterrupted(runs, Heartbeats.DEFAULT_TIMEOUT, Clock.systemUTC());
            return runs;
        } catch (RuntimeException e) {
            runs.close();
            throw e;
        }
    }
}
