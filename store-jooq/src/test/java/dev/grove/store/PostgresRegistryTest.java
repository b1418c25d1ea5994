package dev.grove.store;

import dev.grove.registry.RegistryContract;
import dev.grove.run.RunRepository;
import dev.grove.testing.PostgresTestServer;
import org.junit.jupiter.api.AfterAll;

/** Core's registry contract against a real PostgreSQL server, a fresh schema per test (see {@link PostgresTestServer}). */
class PostgresRegistryTest extends RegistryContract {
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
