package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/** Dialect detection, credential hiding, version comparison and the migration folders. */
class StoreInternalsTest {

    @Test
    void detectsTheDialectFromWhatWasGiven() {
        assertEquals(SQLDialect.SQLITE, StoreTarget.parse("runs.db", null, null).dialect());
        assertEquals(SQLDialect.SQLITE, StoreTarget.parse("jdbc:sqlite:/tmp/runs.db", null, null).dialect());
        assertEquals("/tmp/runs.db", StoreTarget.parse("jdbc:sqlite:/tmp/runs.db", null, null).location());
        assertEquals(Path.of("runs.db").toAbsolutePath().normalize(),
                StoreTarget.parse("runs.db", null, null).file().orElseThrow());
        StoreTarget pg = StoreTarget.parse("jdbc:postgresql://127.0.0.1:55432/grove?user=postgres&password=s3cret&ssl=false",
                null, null);
        assertEquals(SQLDialect.POSTGRES, pg.dialect());
        assertEquals("jdbc:postgresql://127.0.0.1:55432/grove?ssl=false", pg.location());
    }

    @Test
    void locationsNeverShowCredentials() {
        assertEquals("jdbc:postgresql://h:5432/db", StoreTarget.withoutCredentials("jdbc:postgresql://bob:pw@h:5432/db"));
        assertEquals("jdbc:postgresql://h/db?currentSchema=x",
                StoreTarget.withoutCredentials("jdbc:postgresql://h/db?password=pw&currentSchema=x&user=bob"));
    }

    @Test
    void comparesFlywayVersionsNumerically() {
        assertTrue(SchemaGuard.compareVersions("10", "9") > 0);
        assertTrue(SchemaGuard.compareVersions("1.10", "1.9") > 0);
        assertEquals(0, SchemaGuard.compareVersions("1.0", "1"));
        assertTrue(SchemaGuard.compareVersions("1", "2") < 0);
    }

    @Test
    void theKnownSchemaVersionIsTheNewestMigrationOfEachDatabase() throws IOException {
        Path root = Path.of("src/main/resources/db/migration");
        List<String> sqlite = names(root.resolve("sqlite"));
        List<String> postgres = names(root.resolve("postgresql"));
        assertEquals(sqlite, postgres, "the same migrations exist for both databases");
        String newest = sqlite.stream().map(n -> n.substring(1, n.indexOf("__")))
                .max(SchemaGuard::compareVersions).orElseThrow();
        assertEquals(SchemaGuard.KNOWN_SCHEMA_VERSION, newest);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("V[0-9._]+__.*\\.sql")).sorted().toList();
        }
    }
}
