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
