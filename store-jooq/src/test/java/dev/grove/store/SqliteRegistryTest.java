package dev.grove.store;

import dev.grove.registry.RegistryContract;
import dev.grove.run.RunRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Core's registry contract against a real SQLite file. */
class SqliteRegistryTest extends RegistryContract {
    @TempDir
    Path dir;

    @Override
    protected RunRepository newRepository() {
        return JooqRunRepository.open(dir.resolve("registry.db"));
    }
}
