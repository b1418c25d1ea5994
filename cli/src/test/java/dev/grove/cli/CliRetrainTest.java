package dev.grove.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.testing.CsvCopies;
import dev.grove.testing.PostgresTestServer;
import dev.grove.testing.SqlTables;
import dev.grove.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training from an application's database and retraining it, from the command line, as the issue's
 * "done when" reads: from SQLite and from PostgreSQL, unchanged rows do nothing, fixed rows train a
 * better model that the gate promotes, a worse one leaves the alias alone; two processes at once.
 */
class CliRetrainTest {
    private static final String COLUMNS = "skill_name, job_family, trend_score, internal_usage, training_requests, "
            + "scarcity_index, hiring_difficulty, avg_salary_k, economic_indicator, future_need_level";
    private static final String QUERY = "SELECT " + COLUMNS + " FROM skills ORDER BY id";
    /** Sent with the PostgreSQL URL (the test server trusts its clients, so it is never checked): it must never show. */
    private static final String SECRET = "s3cret-Pa55word";

    @TempDir
    Path dir;

    private String store;
    private Path skills;
    private PostgresTestServer postgres;

    @BeforeEach
    void setUp() {
        store = dir.resolve("runs.db").toString();
        skills = TestData.copy(TestData.FUTURE_SKILLS, dir);
    }

    @AfterEach
    void dropDatabases() {
        if (postgres != null) {
            postgres.dropAll();
        }
    }

    private Cli.Result grove(String... args) {
        try {
            Files.createDirectories(dir.resolve("models").resolve("v1"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", store));
        return Cli.run(all.toArray(String[]::new));
    }

    private JsonNode ok(Cli.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r.json();
    }

    /** The app's table, with labels that were wrong when the first model was trained. */
    private String appTable(String url) throws Exception {
        SqlTables.load(url, "skills", CsvCopies.shuffleLabels(skills, 3, dir.resolve("wrong.csv")));
        SqlTables.load(url, "truth", skills);
        return url;
    }

    @Test
    void fromSqlite() throws Exception {
        String app = appTable("jdbc:sqlite:" + dir.resolve("app.db"));
        retrainingStory(app, app);
    }

    @Test
    void fromPostgres() throws Exception {
        postgres = PostgresTestServer.require();
        String app = appTable(postgres.freshDatabaseUrl());
        String withPassword = PostgresTestServer.withParam(app, "password=" + SECRET);
        String story = retrainingStory(withPassword, app);
        assertFalse(story.contains(SECRET), "the password reached the output:\n" + story);
        String record = grove("runs", "list", "--json").out() + grove("retrain", "--history", "skills", "--json").out()
                + grove("models", "history", "skills", "--json").out();
        assertFalse(record.contains(SECRET), "the password reached the record:\n" + record);
        assertFalse(record.contains("user=") || record.contains("postgres?"), "credentials in the record:\n" + record);

        // The production model's rows, copied into SQLite, have the same fingerprint there.
        String sqlite = appTable("jdbc:sqlite:" + dir.resolve("app.db"));
        SqlTables.execute(sqlite, "update skills set future_need_level = (select t.future_need_level from truth t "
                + "where t.id = skills.id)");
        JsonNode fromSqlite = ok(grove("train", "--source-db", sqlite, "--query", QUERY, "--name", "copy",
                "--trainer", "centroid", "--save-path", dir.resolve("copy.bin").toString(), "--json"));
        JsonNode last = ok(grove("runs", "show", "skills@production", "--json"));
        assertEquals(last.get("dataset_sha256").asText(), fromSqlite.get("dataset_sha256").asText());

        // Nor any log line, with every library log shown, in a process of its own.
        SqlTables.execute(app, "update skills set avg_salary_k = avg_salary_k + 5 where id % 9 = 0");
        Cli.Result verbose = Cli.process(dir, "retrain", "--name", "skills", "--source-db", withPassword, "--verbose",
                "--n-estimators", "5", "--db", store);
        assertEquals(0, verbose.exit(), verbose.toString());
        assertTrue(verbose.err().contains("skills@production: retrained"), "library logs shown:\n" + verbose);
        assertFalse(verbose.toString().contains(SECRET), "the password reached a log line:\n" + verbose);

        // A wrong password is a one-line error that does not repeat it.
        Cli.Result refused = grove("train", "--source-db", app.replace("/" + dbName(app) + "?", "/no_such_db?")
                + "&password=" + SECRET, "--query", QUERY);
        assertEquals(1, refused.exit(), refused.toString());
        assertFalse(refused.err().contains(SECRET), refused.toString());
        assertTrue(refused.oneErrorLine().contains("cannot read the query from jdbc:postgresql://"), refused.toString());
    }

    private static String dbName(String url) {
        String path = url.substring(url.indexOf("//") + 2);
        path = path.substring(path.indexOf('/') + 1);
        return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    }

    /**
     * Train from the query, make it production, retrain four times: unchanged (nothing), labels fixed
     * (a better model, promoted), a few values changed with a one-stump forest (worse, refused),
     * the same rows again (nothing: that challenger lost already). Returns everything printed.
     */
    private String retrainingStory(String connectUrl, String shownUrl) throws Exception {
        StringBuilder printed = new StringBuilder();
        Cli.Result trained = grove("train", "--source-db", connectUrl, "--query", QUERY, "--trainer", "smile",
                "--n-estimators", "30", "--model-version", "v1", "--save-path", dir.resolve("models/v1/model.bin").toString(),
                "--json");
        printed.append(trained);
        JsonNode v1 = ok(trained);
        String recordedUrl = shownUrl.replaceAll("[?&](user|password)=[^&]*", "");
        assertEquals(recordedUrl.replaceFirst("\\?$", "") + " :: " + QUERY, v1.get("dataset_path").asText());
        assertEquals("skills", v1.get("model_name").asText(), "named after the table");
        assertEquals(0, v1.get("warnings").size(), "ORDER BY: no warning");
        ok(grove("models", "alias", "skills", "production", "v1", "--json"));

        Cli.Result same = grove("retrain", "--name", "skills", "--source-db", connectUrl, "--json");
        printed.append(same);
        JsonNode unchanged = ok(same);
        assertEquals("UNCHANGED", unchanged.get("outcome").asText());
        assertTrue(unchanged.get("reasons").get(0).asText().startsWith("new data: none"), unchanged.toString());

        SqlTables.execute(connectUrl, "update skills set future_need_level = (select t.future_need_level from truth t "
                + "where t.id = skills.id)");
        Cli.Result fixed = grove("retrain", "--name", "skills", "--source-db", connectUrl, "--json");
        printed.append(fixed);
        JsonNode better = ok(fixed);
        assertEquals("TRAINED", better.get("outcome").asText(), better.toString());
        assertEquals("new-data", better.get("fired").get(0).asText());
        assertTrue(better.get("promoted").asBoolean(), better.toString());
        JsonNode holder = ok(grove("runs", "show", "skills@production", "--json"));
        assertEquals(better.get("challenger_run_id").asLong(), holder.get("run_id").asLong());
        assertEquals(30, holder.get("n_estimators").asInt(), "the holder's settings");
        assertTrue(Files.exists(dir.resolve("models").resolve(holder.get("model_version").asText()).resolve("model.bin")),
                "the challenger's model beside the holder's");

        SqlTables.execute(connectUrl, "update skills set trend_score = trend_score + 1 where id % 10 = 0");
        Cli.Result stump = grove("retrain", "--name", "skills", "--source-db", connectUrl, "--n-estimators", "1",
                "--max-depth", "1");
        printed.append(stump);
        assertEquals(0, stump.exit(), stump.toString());
        assertTrue(stump.out().contains("skills@production: TRAINED (new-data), challenger run "), stump.out());
        assertTrue(stump.out().contains(", not promoted"), stump.out());
        assertEquals(holder.get("run_id").asLong(), ok(grove("runs", "show", "skills@production", "--json")).get("run_id").asLong(),
                "a worse model leaves the alias alone");

        JsonNode again = ok(grove("retrain", "--name", "skills", "--source-db", connectUrl, "--json"));
        assertEquals("UNCHANGED", again.get("outcome").asText(), again.toString());

        JsonNode history = ok(grove("retrain", "--history", "skills", "--json"));
        List<String> outcomes = new ArrayList<>();
        history.forEach(e -> outcomes.add(e.get("outcome").asText()));
        assertEquals(List.of("UNCHANGED", "TRAINED", "TRAINED", "UNCHANGED"), outcomes);
        assertEquals(3, ok(grove("runs", "list", "--json")).size(), "v1 and two challengers, nothing else");
        return printed.toString();
    }

    @Test
    void twoRetrainsStartedTogetherTrainOnceAndRecordASkip() throws Exception {
        Path db = dir.resolve("runs.db");
        ok(grove("train", "--dataset", skills.toString(), "--name", "skills", "--trainer", "waiting",
                "--model-version", "v1", "--save-path", dir.resolve("models/v1/model.bin").toString(), "--json"));
        ok(grove("models", "alias", "skills", "production", "v1", "--json"));
        Files.writeString(skills, Files.readString(skills).replace(",5,", ",4,"));

        // Each would train for 8 s: the second to start finds the first's lock however the JVMs start.
        String[] args = {"retrain", "--name", "skills", "-P", "wait-ms=8000", "--db", db.toString(), "--json"};
        Process a = Cli.start(dir, Cli.JVM, dir.resolve("a.err"), args);
        Process b = Cli.start(dir, Cli.JVM, dir.resolve("b.err"), args);
        assertTrue(a.waitFor(2, TimeUnit.MINUTES) && b.waitFor(2, TimeUnit.MINUTES), "both finished");
        assertEquals(0, a.exitValue(), Files.readString(dir.resolve("a.err")));
        assertEquals(0, b.exitValue(), Files.readString(dir.resolve("b.err")));

        JsonNode history = ok(grove("retrain", "--history", "skills", "--json"));
        List<String> outcomes = new ArrayList<>();
        history.forEach(e -> outcomes.add(e.get("outcome").asText()));
        outcomes.sort(null);
        assertEquals(List.of("SKIPPED", "TRAINED"), outcomes, history.toString());
        assertEquals(2, Cli.runs(db).size(), "one challenger");
    }

    @Test
    void badRequestsSayWhatIsWrongInOneLine() throws Exception {
        Map<List<String>, String> cases = Map.of(
                List.of("retrain", "--name", "nope"), "nope",
                List.of("retrain", "--name", "skills", "--every", "soon"), "not a period",
                List.of("retrain", "--name", "skills", "--cron", "3am"), "cron",
                List.of("retrain", "--name", "skills", "--drift", "0.2"), "PSI,SHARE",
                List.of("retrain", "--name", "skills", "--min-score", "f1"), "METRIC=X",
                List.of("train", "--query", QUERY), "--source-db",
                List.of("train", "--source-db", "jdbc:sqlite:x.db", "--query", QUERY, "--features", "a"), "CSV");
        ok(grove("train", "--dataset", skills.toString(), "--name", "skills", "--trainer", "centroid",
                "--model-version", "v1", "--save-path", dir.resolve("v1.bin").toString(), "--json"));
        for (var c : cases.entrySet()) {
            Cli.Result r = grove(c.getKey().toArray(String[]::new));
            assertTrue(r.exit() == 1 || r.exit() == 2, c.getKey() + "\n" + r);
            assertTrue(r.oneErrorLine().contains(c.getValue()), c.getKey() + "\n" + r);
        }
        Cli.Result noAlias = grove("retrain", "--name", "skills");
        assertEquals(2, noAlias.exit(), noAlias.toString());
        assertTrue(noAlias.oneErrorLine().contains("has no alias 'production' (it has none; point one at a version "
                + "with 'grove models alias skills production VERSION'"), noAlias.toString());
        assertEquals(0, ok(grove("retrain", "--history", "skills", "--json")).size(), "bad requests record nothing");

        ok(grove("models", "alias", "skills", "production", "v1", "--json"));
        Files.delete(skills);
        Cli.Result gone = grove("retrain", "--name", "skills");
        assertEquals(1, gone.exit(), gone.toString());
        assertTrue(gone.oneErrorLine().contains(skills.toString()), gone.toString());
        JsonNode failed = ok(grove("retrain", "--history", "skills", "--json"));
        assertEquals("FAILED", failed.get(0).get("outcome").asText(), "a failed evaluation is recorded");
    }

    @Test
    void aQueryWithoutOrderByTrainsWithAWarning() throws Exception {
        String app = "jdbc:sqlite:" + dir.resolve("app.db");
        SqlTables.load(app, "skills", skills);
        Cli.Result r = grove("train", "--source-db", app, "--query", "select " + COLUMNS + " from skills",
                "--trainer", "centroid", "--save-path", dir.resolve("m.bin").toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Warning: the query has no ORDER BY"), r.out());
    }
}
