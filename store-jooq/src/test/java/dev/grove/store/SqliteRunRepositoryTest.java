package dev.grove.store;

import dev.grove.run.RunRepository;
import dev.grove.run.RunRepositoryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared contract against a real SQLite file. */
class SqliteRunRepositoryTest extends RunRepositoryContract {
    @TempDir
    Path dir;

    @Override
    protected RunRepository newRepository() {
        return JooqRunRepository.open(dir.resolve("runs.db").toString());
    }

    /** The same file through a second repository, as another process opens it. */
    @Override
    protected RunRepository reopen() {
        return JooqRunRepository.open(dir.resolve("runs.db").toString());
    }
}
