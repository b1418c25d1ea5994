package dev.grove.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grove.GroveException;
import dev.grove.InvalidDataException;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvRowReader;
import dev.grove.data.RowChunk;
import dev.grove.train.Predictions;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * POST /api/models/{name}/predict?model=@ALIAS|VERSION: labels (and, on request, class
 * probabilities) for rows sent as JSON ({@code {"rows": [{feature: value, …}, …]}}) or as a CSV
 * body with a header row ({@code Content-Type: text/csv}), from a model loaded once and kept (see
 * {@link LiveModels}). Columns are matched by name; extra ones are ignored.
 */
final class PredictApi {
    /** Most rows in one request (the body's size limit comes first for wide rows). */
    static final int MAX_ROWS = 100_000;
    private static final Set<String> PARAMS = Set.of("model", "probabilities", "delimiter", "decimal");
    private static final Set<String> KEYS = Set.of("rows", "probabilities");

    private final LiveModels live;

    PredictApi(LiveModels live) {
        this.live = live;
    }

    void predict(Context ctx) throws IOException {
        Query.requireKnown(ctx, PARAMS);
        String name = ctx.pathParam("name");
        String type = Optional.ofNullable(ctx.header("Content-Type")).orElse("").toLowerCase(Locale.ROOT).trim();
        boolean csv = type.startsWith("text/csv");
        if (!csv && !Json.isJson(ctx)) {
            throw new ApiException(415, "send the rows as JSON ('Content-Type: application/json', {\"rows\": [...]}) "
                    + "or as CSV with a header row ('Content-Type: text/csv')");
        }
        LiveModels.Served served = live.serve(name, ctx.queryParam("model"));
        boolean probabilities = Query.bool(ctx, "probabilities", false);
        Predictions p;
        if (csv) {
            p = fromCsv(ctx, served);
        } else {
            ObjectNode body = Json.object(ctx);
            Fields f = Fields.of(body, KEYS, Map.of());
            probabilities = f.bool("probabilities").orElse(probabilities);
            p = served.model().predict(rows(body.get("rows")));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", name);
        out.put("model_version", served.run().modelVersion());
        out.put("run_id", served.run().id());
        out.put("classes", p.classes());
        List<Map<String, Object>> predictions = new ArrayList<>(p.size());
        for (int i = 0; i < p.size(); i++) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("label", p.label(i));
            if (probabilities) {
                one.put("probabilities", p.get(i).probabilities());
            }
            predictions.add(one);
        }
        out.put("predictions", predictions);
        Json.write(ctx, out);
    }

    /** JSON rows as maps of plain values (text, numbers, booleans as text, null for missing). */
    private static List<Map<String, Object>> rows(JsonNode rows) {
        if (rows == null || !rows.isArray()) {
            throw new ApiException(400, "'rows' is required: an array of objects, one per row, feature name to value");
        }
        if (rows.size() > MAX_ROWS) {
            throw new ApiException(413, rows.size() + " rows in one request; send at most " + MAX_ROWS);
        }
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        int n = 0;
        for (JsonNode row : rows) {
            n++;
            if (!row.isObject()) {
                throw new ApiException(400, "row " + n + " is not an object of feature name to value");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isNull()) {
                    m.put(e.getKey(), null);
                } else if (v.isNumber()) {
                    m.put(e.getKey(), v.doubleValue());
                } else if (v.isTextual() || v.isBoolean()) {
                    m.put(e.getKey(), v.asText());
                } else {
                    throw new ApiException(400, "row " + n + " column '" + e.getKey() + "' holds " + v.getNodeType()
                            .name().toLowerCase(Locale.ROOT) + "; give a number, a string or null");
                }
            }
            out.add(m);
        }
        return out;
    }

    /** A CSV body, read by Grove's own reader (as grove predict reads a file) from a private temporary file. */
    private static Predictions fromCsv(Context ctx, LiveModels.Served served) throws IOException {
        CsvOptions options = CsvOptions.defaults();
        Optional<String> delimiter = Query.string(ctx, "delimiter");
        if (delimiter.isPresent()) {
            options = options.withDelimiter(oneChar(delimiter.get(), "delimiter"));
        }
        Optional<String> decimal = Query.string(ctx, "decimal");
        if (decimal.isPresent()) {
            options = options.withDecimal(oneChar(decimal.get(), "decimal"));
        }
        byte[] body = ctx.bodyAsBytes();
        Path dir = Files.createTempDirectory("grove-predict");
        Path file = dir.resolve("rows.csv");
        try {
            Files.write(file, body);
            List<Predictions> parts = new ArrayList<>();
            int rows = 0;
            try (CsvRowReader reader = CsvRowReader.open(file, options, served.model().encoding().types())) {
                for (Optional<RowChunk> c = reader.next(); c.isPresent(); c = reader.next()) {
                    rows += c.get().size();
                    if (rows > MAX_ROWS) {
                        throw new ApiException(413, "more than " + MAX_ROWS + " rows in one request");
                    }
                    parts.add(served.model().predict(c.get().features()));
                }
            }
            return concat(served.model().classes(), parts);
        } catch (GroveException e) {
            // the reader names the file it read: here that is the request's body
            String m = e.getMessage() == null ? "" : e.getMessage().replace(file.toString(), "the request body");
            throw new InvalidDataException(m);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static char oneChar(String s, String name) {
        String t = s.equals("\\t") ? "\t" : s;
        if (t.length() != 1) {
            throw new ApiException(400, "'" + name + "' must be one character, got '" + s + "'");
        }
        return t.charAt(0);
    }

    private static Predictions concat(List<String> classes, List<Predictions> parts) {
        int n = parts.stream().mapToInt(Predictions::size).sum();
        int[] predicted = new int[n];
        double[][] probabilities = new double[n][];
        int at = 0;
        for (Predictions p : parts) {
            System.arraycopy(p.predicted(), 0, predicted, at, p.size());
            System.arraycopy(p.probabilities(), 0, probabilities, at, p.size());
            at += p.size();
        }
        return new Predictions(classes, predicted, probabilities);
    }
}
