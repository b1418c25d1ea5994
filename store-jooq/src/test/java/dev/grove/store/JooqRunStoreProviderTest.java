package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.RunStoreProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunRepository#open(String)} finds this module through ServiceLoader. */
class JooqRunStoreProviderTest {
    @TempDir
    Path dir;

    @Test
    void runRepositoryOpenOpensASqliteFile() {
        Path db = dir.resolve("runs.db");
        try (RunRepository runs = RunRepository.open(db.toString())) {
            assertInstanceOf(JooqRunRepository.class, runs);
            long id = runs.start(WriterSpecs.spec("through-the-spi")).id();
            assertEquals(List.of(id), runs.list(RunQuery.all()).stream().map(r -> r.id()).toList());
        }
        assertTrue(Files.isRegularFile(db));
        try (RunRepository again = RunRepository.open("jdbc:sqlite:" + db)) {
            assertEquals("through-the-spi", again.findById(1).orElseThrow().modelVersion());
        }
    }

    @Test
    void theProviderIsListedForServiceLoader() {
        List<String> found = ServiceLoader.load(RunStoreProvider.class).stream()
                .map(p -> p.type().getName()).toList();
        assertEquals(List.of(JooqRunStoreProvider.class.getName()), found);
    }

    @Test
    void supportsFilePathsAndSqliteAndPostgresqlUrlsOnly() {
        JooqRunStoreProvider p = new JooqRunStoreProvider();
        for (String yes : List.of("runs.db", "/var/lib/grove/runs.db", "data/my runs.db", "C:\\grove\\runs.db",
                "jdbc:sqlite:runs.db", "JDBC:SQLITE:/tmp/runs.db", "jdbc:postgresql://db:5432/grove?user=grove")) {
            assertTrue(p.supports(yes), yes);
        }
        for (String no : List.of("", " ", "jdbc:mysql://db/grove", "https://example.org/runs", "s3://bucket/runs.db")) {
            assertFalse(p.supports(no), no);
        }
    }
}
