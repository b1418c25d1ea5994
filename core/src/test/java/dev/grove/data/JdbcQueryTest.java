package dev.grove.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.Grove;
import dev.grove.InvalidDataException;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.run.RunSpec;
import dev.grove.testing.CentroidTrainer;
import dev.grove.testing.SqlTables;
import dev.grove.testing.TestData;
import dev.grove.train.TrainerRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Training rows from a SQL query on a real SQLite file (PostgreSQL: the CLI's and the store's tests). */
class JdbcQueryTest {
    private static final String QUERY = "SELECT island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, "
            + "sex, species FROM penguins ORDER BY id";

    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void setUp() {
        url = "jdbc:sqlite:" + dir.resolve("app.db");
        SqlTables.load(url, "penguins", TestData.copy(TestData.PENGUINS, dir));
    }

    @Test
    void aQueryIsTypedFromItsMetadataWithNullAsMissing() {
        Dataset d = DataInput.query(url, QUERY).read();
        assertEquals(344, d.size());
        assertEquals("species", d.labelName(), "the last column by default");
        Table f = d.features();
        assertTrue(f.require("bill_length_mm") instanceof NumericColumn);
        assertTrue(f.require("body_mass_g") instanceof NumericColumn, "an integer column is numeric");
        assertTrue(f.require("island") instanceof CategoricalColumn);
        assertEquals(2, f.require("bill_length_mm").missingCount(), "the CSV's two empty cells are NULL, hence missing");
        assertEquals(11, f.require("sex").missingCount());
        assertEquals(List.of(), d.warnings());
        assertEquals("island", DataInput.query(url, QUERY).withLabel("island").read().labelName());
    }

    @Test
    void theFingerprintDependsOnTheRowsAndTheirOrderNotOnTheDatabase() {
        String sha = DataInput.query(url, QUERY).read().source().sha256();
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl(url);
        assertEquals(sha, DataInput.query(ds, QUERY).read().source().sha256(), "a DataSource reads the same rows");
        assertFalse(sha.equals(DataInput.query(url, QUERY.replace("ORDER BY id", "ORDER BY id DESC")).read()
                .source().sha256()), "another order is another fingerprint (and another split)");
        SqlTables.execute(url, "update penguins set body_mass_g = body_mass_g + 1 where id = 7");
        assertFalse(sha.equals(DataInput.query(url, QUERY).read().source().sha256()), "one changed cell");
    }

    @Test
    void aQueryWithoutOrderByIsReadWithAWarning() {
        Dataset d = DataInput.query(url, "select island, sex, species from penguins").read();
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).message().contains("ORDER BY"), d.warnings().toString());
    }

    @Test
    void aTrainingRecordsTheUrlAndTheQueryAndHowToReadThemAgain() {
        Grove grove = Grove.builder().trainers(TrainerRegistry.of(new CentroidTrainer()))
                .runs(new InMemoryRunRepository()).modelsDir(dir.resolve("models")).build();
        TrainingResult r = grove.train(TrainingRequest.of(DataInput.query(url, QUERY)));
        RunSpec s = r.run().spec();
        assertEquals(url + " :: " + QUERY, s.datasetPath());
        assertEquals("penguins", s.modelName(), "named after the table the query reads");
        assertEquals(Map.of("format", "jdbc", "url", url, "query", QUERY), s.readOptions());
        assertEquals(DataInput.query(url, QUERY).read().source().sha256(), s.datasetSha256());
        Dataset d = DataInput.query(url, QUERY).read();
        int trainRows = PortableStratifiedSplit.split(d.labels(), d.classes().size(), 0.2, 42).train().length;
        assertEquals(trainRows, s.referenceProfile().orElseThrow().rows(), "the reference profile is the training split's");
    }

    @Test
    void aBadQueryOrAnUnreadableColumnIsAClearError() {
        InvalidDataException bad = assertThrows(InvalidDataException.class,
                () -> DataInput.query(url, "select nope from penguins order by id").read());
        assertTrue(bad.getMessage().startsWith("cannot read the query from " + url + ": "), bad.getMessage());
        assertTrue(bad.getMessage().contains("nope"), bad.getMessage());
        InvalidDataException label = assertThrows(InvalidDataException.class,
                () -> DataInput.query(url, QUERY).withLabel("Species").read());
        assertTrue(label.getMessage().contains("label column 'Species'"), label.getMessage());
        assertThrows(dev.grove.InvalidRequestException.class, () -> DataInput.query(url, "  "));
    }
}
