package dev.grove.store;

import dev.grove.retrain.RetrainLedgerContract;
import dev.grove.run.RunRepository;
import dev.grove.testing.PostgresTestServer;
import org.junit.jupiter.api.AfterAll;

/** Core's retraining-ledger contract against a real PostgreSQL server, a fresh schema per test (see {@link PostgresTestServer}). */
class PostgresRetrainLedgerTest extends RetrainLedgerContract {
    private static PostgresTestServer server;

    @AfterAll
    static void dropSchemas() {
        if (server != null) {
            server.dropAll();
        }
    }

    @Override
    protected RunRepository newRepository() {
        if (server == null) {
            server = PostgresTestServer.require(); // skips, or fails under CI, when there is no server
        }
        return JooqRunRepository.open(server.freshSchemaUrl());
    }
}
