package dev.grove.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.internal.GroveJson;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.sample.SampleData;
import dev.grove.server.TrainingRequests;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** grove serve as a real process: the token printed once, the API answering, a signal stopping it cleanly. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A started grove serve: its process, the URL and token it printed, what it printed. */
    private record Served(Process process, URI uri, String token, List<String> out) {
    }

    private Served serve(Map<String, String> env, String... extra) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        SampleData.futureSkills(dir.resolve("data").resolve("skills.csv"));
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--db", "runs.db", "--data-dir", "data"));
        args.addAll(List.of(extra));
        Path err = dir.resolve("serve-stderr.txt");
        Process p = Cli.start(dir, Cli.JVM, env, err, args.toArray(String[]::new));
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            out.add(line);
            if (line.startsWith("Stop with Ctrl-C")) {
                break;
            }
        }
        assertTrue(!out.isEmpty() && out.get(out.size() - 1).startsWith("Stop"), "grove serve did not start: " + out
                + "\n" + Files.readString(err));
        Matcher m = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+/)").matcher(out.get(0));
        assertTrue(m.find(), out.get(0));
        int tokenLine = out.indexOf(out.stream().filter(l -> l.startsWith("Token (generated")).findFirst().orElse("-"));
        String token = tokenLine >= 0 ? out.get(tokenLine + 1).trim() : null;
        return new Served(p, URI.create(m.group(1)), token, out);
    }

    private HttpResponse<String> send(URI base, String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return GroveJson.reader().readTree(r.body());
    }

    @Test
    void servesWithAGeneratedTokenPrintedOnceAndStopsOnASignal() throws Exception {
        Served s = serve(Map.of());
        try {
            assertTrue(s.token() != null && s.token().length() >= 40, s.out().toString());
            assertTrue(s.out().stream().anyMatch(l -> l.contains("Reads:        open")), s.out().toString());
            String train = "{\"dataset\":\"skills.csv\",\"n_estimators\":10,\"model_version\":\"api-1\"}";
            assertEquals(401, send(s.uri(), "POST", "api/runs", null, train).statusCode());
            HttpResponse<String> accepted = send(s.uri(), "POST", "api/runs", s.token(), train);
            assertEquals(202, accepted.statusCode(), accepted.body());
            String status = "";
            for (int i = 0; i < 200 && !status.equals("SUCCEEDED"); i++) {
                Thread.sleep(50);
                status = json(send(s.uri(), "GET", "api/runs/api-1", null, null)).get("status").asText();
            }
            assertEquals("SUCCEEDED", status);
        } finally {
            s.process().destroy(); // SIGTERM
            assertTrue(s.process().waitFor(60, TimeUnit.SECONDS));
        }
        List<TrainingRun> runs = Cli.runs(dir.resolve("runs.db"));
        assertEquals(1, runs.size());
        assertEquals(RunStatus.SUCCEEDED, runs.get(0).status());
        assertFalse(Files.readString(dir.resolve("serve-stderr.txt")).contains(s.token()), "the token is never logged");
    }

    @Test
    void aSignalDuringATrainingRecordsItInterruptedAndKeepsNoModel() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Cli.syntheticCsv(dir.resolve("data").resolve("big.csv"), 30_000, 12, 7);
        Path tokenFile = dir.resolve("token.txt");
        Files.writeString(tokenFile, "file-token-0123456789abcdef\n");
        Served s = serve(Map.of("GROVE_TOKEN", "env-token-is-not-used-here"), "--token-file", tokenFile.toString());
        assertTrue(s.out().stream().anyMatch(l -> l.startsWith("Token:        from")), s.out().toString());
        HttpResponse<String> accepted = send(s.uri(), "POST", "api/runs", "file-token-0123456789abcdef",
                "{\"dataset\":\"big.csv\",\"n_estimators\":2000,\"model_version\":\"slow-1\",\"threads\":1}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        String status = "";
        for (int i = 0; i < 400 && !status.equals("RUNNING"); i++) {
            Thread.sleep(25);
            status = json(send(s.uri(), "GET", "api/runs/slow-1", null, null)).get("status").asText();
        }
        assertEquals("RUNNING", status);
        s.process().destroy();
        assertTrue(s.process().waitFor(60, TimeUnit.SECONDS));
        TrainingRun run = Cli.runs(dir.resolve("runs.db")).get(0);
        assertEquals(RunStatus.INTERRUPTED, run.status());
        assertTrue(run.error().orElseThrow().contains("the server stopped"), run.error().toString());
        assertEquals(List.of(), Cli.files(dir.resolve("artifacts").resolve("models").resolve("slow-1")));
    }

    @Test
    void badSettingsAreOneLineAndUsage() {
        Cli.Result shortToken = Cli.process(dir, Cli.JVM, Map.of("GROVE_TOKEN", "short"), "serve", "--port", "0");
        assertEquals(ExitCodes.USAGE, shortToken.exit(), shortToken::toString);
        assertTrue(shortToken.oneErrorLine().contains("$GROVE_TOKEN holds a token of 5 characters"));
        Cli.Result noData = Cli.process(dir, "serve", "--port", "0", "--data-dir", "nowhere");
        assertEquals(ExitCodes.USAGE, noData.exit(), noData::toString);
        assertTrue(noData.oneErrorLine().contains("data folder"));
    }

    /** skills v1 trained on data/skills.csv in the store runs.db, without an alias unless {@code production}. */
    private void skillsV1(boolean production) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("models").resolve("v1"));
        SampleData.futureSkills(dir.resolve("data").resolve("skills.csv"));
        String db = dir.resolve("runs.db").toString();
        Cli.Result trained = Cli.run("train", "--dataset", dir.resolve("data").resolve("skills.csv").toString(), "--name",
                "skills", "--model-version", "v1", "--n-estimators", "10", "--save-path",
                dir.resolve("models").resolve("v1").resolve("model.bin").toString(), "--db", db);
        assertEquals(0, trained.exit(), trained::toString);
        if (production) {
            Cli.Result alias = Cli.run("models", "alias", "skills", "production", "v1", "--db", db);
            assertEquals(0, alias.exit(), alias::toString);
        }
    }

    private List<String> outcomes(JsonNode history) {
        List<String> o = new ArrayList<>();
        history.forEach(e -> o.add(e.get("outcome").asText()));
        return o;
    }

    @Test
    void retrainsANamedModelOnItsScheduleAndStopsCleanlyOnASignal() throws Exception {
        skillsV1(true);
        Path csv = dir.resolve("data").resolve("skills.csv");
        Files.writeString(csv, Files.readString(csv).replace(",5,", ",4,")); // new rows since v1
        Served s = serve(Map.of(), "--retrain", "skills", "--retrain-every", "1s");
        JsonNode seen;
        try {
            assertTrue(s.out().contains("  Retraining:   skills@production, checked every 1s (new data); see 'grove retrain "
                    + "--history NAME'"), s.out().toString());
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            do {
                Thread.sleep(100);
                HttpResponse<String> r = send(s.uri(), "GET", "api/models/skills/retraining", null, null);
                assertEquals(200, r.statusCode(), r.body());
                seen = json(r);
            } while (seen.size() < 3 && System.nanoTime() < deadline);
            assertTrue(seen.size() >= 3, "three checks within a minute: " + seen);
        } finally {
            s.process().destroy(); // SIGTERM
            assertTrue(s.process().waitFor(60, TimeUnit.SECONDS), "stopped");
        }
        assertEquals(143, s.process().exitValue(), "128 + SIGTERM: the JVM's exit on the signal, after its shutdown hook");
        List<String> outcomes = outcomes(seen);
        assertEquals("TRAINED", outcomes.get(0), seen.toString());
        assertEquals("new-data", seen.get(0).get("fired").get(0).asText());
        assertTrue(outcomes.subList(1, outcomes.size()).stream().allMatch("UNCHANGED"::equals), seen.toString());

        // the store kept what the API showed, as grove retrain --history prints it; nothing was left running
        Cli.Result history = Cli.run("retrain", "--history", "skills", "--json", "--db", dir.resolve("runs.db").toString());
        JsonNode kept = history.json();
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(seen.get(i), kept.get(i));
        }
        for (int i = seen.size(); i < kept.size(); i++) { // a check the signal interrupted ends FAILED, recorded
            assertTrue(List.of("UNCHANGED", "FAILED").contains(kept.get(i).get("outcome").asText()), kept.toString());
        }
        List<TrainingRun> runs = Cli.runs(dir.resolve("runs.db"));
        assertEquals(2, runs.size(), "v1 and one challenger");
        assertTrue(runs.stream().allMatch(r -> r.status() == RunStatus.SUCCEEDED), runs.toString());
        assertEquals(seen.get(0).get("challenger_run_id").asLong(), runs.get(0).id());
        String stderr = Files.readString(dir.resolve("serve-stderr.txt"));
        assertFalse(stderr.contains("\tat ") || stderr.contains("Exception"), stderr);
    }

    @Test
    void aRetrainModelOrAliasThatDoesNotExistIsOneLineAndNothingStarts() throws Exception {
        skillsV1(false);
        Map<String, String> cases = Map.of(
                "nobody", "serve: error: cannot retrain nobody@production: no model named 'nobody' in ",
                "skills", "serve: error: cannot retrain skills@production: model skills has no alias 'production' (it has "
                        + "none; point one at a version with 'grove models alias skills production VERSION'",
                "skills@staging", "serve: error: cannot retrain skills@staging: model skills has no alias 'staging'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path err = dir.resolve("bad-retrain.txt");
            Process p = Cli.start(dir, Cli.JVM, err, "serve", "--port", "0", "--db", "runs.db", "--data-dir", "data",
                    "--retrain", c.getKey(), "--retrain-every", "1s");
            if (!p.waitFor(60, TimeUnit.SECONDS)) { // a started server would print a few lines and wait: the pipe holds them
                p.destroyForcibly();
                throw new AssertionError("grove serve --retrain " + c.getKey() + " started and kept running");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Cli.Result r = new Cli.Result(p.exitValue(), out, Files.readString(err));
            assertEquals(ExitCodes.USAGE, r.exit(), r::toString);
            assertTrue(r.oneErrorLine().contains(c.getValue()), r::toString);
            assertEquals("", r.out(), "nothing was announced");
        }
        for (String model : List.of("nobody", "skills")) {
            Cli.Result h = Cli.run("retrain", "--history", model, "--json", "--db", dir.resolve("runs.db").toString());
            assertEquals(0, h.json().size(), "no check ran for " + model + ": " + h);
        }
        Cli.Result alone = Cli.process(dir, "serve", "--port", "0", "--db", "runs.db", "--retrain-drift");
        assertEquals(ExitCodes.USAGE, alone.exit(), alone::toString);
        assertTrue(alone.oneErrorLine().contains("need --retrain NAME"), alone::toString);
    }

    /** The API's training keys are grove train's long options with _ for -: none added, none forgotten. */
    @Test
    void theApisTrainingKeysAreTheTrainOptions() {
        Set<String> outputOnly = Set.of("help", "version", "json", "verbose");
        Set<String> options = new java.util.TreeSet<>();
        for (CommandLine.Model.OptionSpec o : new CommandLine(new TrainCommand()).getCommandSpec().options()) {
            String name = o.longestName().replaceFirst("^--?", "").replace('-', '_');
            if (!outputOnly.contains(name)) {
                options.add(name);
            }
        }
        Set<String> api = new java.util.TreeSet<>(TrainingRequests.KEYS);
        api.addAll(TrainingRequests.REFUSED.keySet());
        assertEquals(options, api);
    }
}
