package dev.grove.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grove.TrainingRequest;
import dev.grove.data.CsvOptions;
import dev.grove.registry.ModelNames;
import dev.grove.train.CategoricalEncoding;
import dev.grove.train.TrainingParams;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A training request in JSON: the keys are {@code grove train}'s long option names with {@code _}
 * for {@code -} ({@code n_estimators} for {@code --n-estimators}), with the same meanings and
 * defaults; {@code param} is {@code -P}/{@code --param} as an object. Where the model goes and which
 * store records it are the server's to decide, so {@code save_path} and {@code db} are refused.
 */
public final class TrainingRequests {
    /** Every key a request may hold. */
    public static final Set<String> KEYS = Set.copyOf(new LinkedHashSet<>(List.of("dataset", "name", "model_version",
            "test_split", "n_estimators", "random_state", "notes", "trainer", "label", "features", "exclude", "max_depth",
            "min_leaf", "mtry", "threads", "categorical_encoding", "param", "trained_by", "delimiter", "decimal")));
    /** {@code grove train} options the API refuses, and why. */
    /** A server that connected wherever a request said could be turned against any database it can reach. */
    private static final String QUERIES_REFUSED = "the server trains on CSV files in its data folder only; train on "
            + "a query with 'grove train --source-db URL --query SQL' (or the library's DataInput.query)";

    public static final Map<String, String> REFUSED = Map.of(
            "save_path", "the server writes every model to its models folder as <version>/model.bin",
            "db", "the server records runs in the store it was started with",
            "source_db", QUERIES_REFUSED,
            "query", QUERIES_REFUSED,
            "format", "the server trains on CSV files in its data folder only; a CSV or Parquet table read where it "
                    + "lives is trained with 'grove train --trainer spark --dataset PATH|URI --format csv|parquet' "
                    + "(or its spark-submit job)");

    private TrainingRequests() {
    }

    /** What was asked, read and checked for form; the dataset is resolved inside {@code data}. */
    record Parsed(TrainingRequest request, String datasetName, Path dataset) {
        /** The same request under the model version the queue reserved for it. */
        Parsed withVersion(String version) {
            return new Parsed(request.withModelVersion(version), datasetName, dataset);
        }
    }

    /**
     * @param defaultTrainedBy recorded as who trained when the request does not say
     */
    static Parsed parse(ObjectNode body, DataFolder data, String defaultTrainedBy) {
        Fields f = Fields.of(body, KEYS, REFUSED);
        String datasetName = f.string("dataset").orElseThrow(() -> new ApiException(400,
                "'dataset' is required: the path of a CSV file inside the server's data folder (GET /api/datasets "
                        + "lists them)"));
        Path dataset = data.resolve(datasetName);

        TrainingParams p = TrainingParams.defaults();
        p = p.withNEstimators(f.integer("n_estimators").orElse(TrainingParams.DEFAULT_N_ESTIMATORS));
        p = p.withRandomState(f.whole("random_state").orElse(TrainingParams.DEFAULT_RANDOM_STATE));
        p = p.withMinLeaf(f.integer("min_leaf").orElse(1));
        p = p.withExtras(f.settings("param").orElse(Map.of()));
        if (f.integer("max_depth").isPresent()) {
            p = p.withMaxDepth(f.integer("max_depth").get());
        }
        if (f.integer("mtry").isPresent()) {
            p = p.withFeaturesPerSplit(f.integer("mtry").get());
        }
        if (f.integer("threads").isPresent()) {
            p = p.withThreads(f.integer("threads").get());
        }
        if (f.string("categorical_encoding").isPresent()) {
            p = p.withExtra(CategoricalEncoding.KEY, CategoricalEncoding.parse(f.string("categorical_encoding").get()).value());
        }

        CsvOptions csv = CsvOptions.defaults().withDelimiter(f.character("delimiter").orElse(','))
                .withDecimal(f.character("decimal").orElse('.'))
                .withInclude(f.strings("features").orElse(List.of()))
                .withExclude(f.strings("exclude").orElse(List.of()));
        if (f.string("label").isPresent()) {
            csv = csv.withLabel(f.string("label").get().trim());
        }
        TrainingRequest r = TrainingRequest.of(dataset).withCsv(csv).withParams(p)
                .withTestSplit(f.number("test_split").orElse(TrainingRequest.DEFAULT_TEST_SPLIT))
                .withNotes(f.string("notes").orElse(""))
                .withTrainedBy(f.string("trained_by").orElse(defaultTrainedBy));
        if (f.string("trainer").isPresent()) {
            r = r.withTrainer(f.string("trainer").get().trim());
        }
        if (f.string("name").isPresent()) {
            r = r.withModelName(ModelNames.requireName(f.string("name").get().trim()));
        }
        if (f.string("model_version").isPresent()) {
            r = r.withModelVersion(f.string("model_version").get().trim());
        }
        return new Parsed(r, datasetName, dataset);
    }
}
