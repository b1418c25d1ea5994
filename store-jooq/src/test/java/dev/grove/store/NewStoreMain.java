package dev.grove.store;

import dev.grove.run.RunQuery;

/**
 * A separate JVM that creates a new store (so Flyway migrates) and reads it:
 * {@code java -cp <class path> dev.grove.store.NewStoreMain <db file or URL>}.
 */
public final class NewStoreMain {
    private NewStoreMain() {
    }

    public static void main(String[] args) {
        try (JooqRunRepository repo = JooqRunRepository.open(args[0])) {
            repo.start(WriterSpecs.spec("quiet"));
            repo.list(RunQuery.all());
        }
    }
}
