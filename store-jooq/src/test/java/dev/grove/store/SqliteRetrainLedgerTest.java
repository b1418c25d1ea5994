package dev.grove.store;

import dev.grove.retrain.RetrainLedgerContract;
import dev.grove.run.RunRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Core's retraining-ledger contract against a real SQLite file. */
class SqliteRetrainLedgerTest extends RetrainLedgerContract {
    @TempDir
    Path dir;

    @Override
    protected RunRepository newRepository() {
        return JooqRunRepository.open(dir.resolve("ledger.db"));
    }
}
