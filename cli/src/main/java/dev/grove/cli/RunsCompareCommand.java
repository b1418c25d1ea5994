package dev.grove.cli;

import dev.grove.internal.GroveJson;
import dev.grove.run.RunRepository;
import dev.grove.run.TrainingRun;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code grove runs compare}: params and metrics of several runs side by side, differences marked. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare runs side by side: parameters and metrics, rows that differ marked with '*'."})
final class RunsCompareCommand implements Callable<Integer> {
    private static final List<String> FIELDS = List.of("model_name", "model_version", "status", "trainer", "trainer_version",
            "dataset_path", "dataset_sha256", "read_options", "label_column", "features_used", "feature_types",
            "test_split", "train_samples", "test_samples", "accuracy", "precision", "recall", "f1_score",
            "training_duration_seconds", "model_sha256", "trained_by", "notes");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ID|VERSION", description = "Two or more run ids or model versions.")
    List<String> runs;

    @Mixin
    StoreOption store;

    @Mixin
    JsonOption output;

    @Mixin
    Verbosity verbosity;

    @Override
    public Integer call() {
        if (runs.size() < 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give at least two runs to compare (ids "
                    + "or model versions), e.g. 'grove runs compare 3 5'");
        }
        List<TrainingRun> found = new ArrayList<>();
        try (RunRepository repo = store.openExisting()) {
            for (String r : runs) {
                found.add(RunLookup.find(repo, r));
            }
        }
        Map<String, List<Object>> rows = rows(found);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("runs", found.stream().map(TrainingRun::id).toList());
            Map<String, Object> fields = new LinkedHashMap<>();
            rows.forEach((k, v) -> {
                Map<String, Object> field = new LinkedHashMap<>(); // values first, in every output
                field.put("values", v);
                field.put("differs", differs(v));
                fields.put(k, field);
            });
            doc.put("fields", fields);
            out.println(GroveJson.pretty(doc));
        } else {
            print(found, rows, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Field name → one value per run: the fixed fields, then every param any run has. */
    private static Map<String, List<Object>> rows(List<TrainingRun> runs) {
        List<Map<String, Object>> views = runs.stream().map(RunView::of).toList();
        Map<String, List<Object>> rows = new LinkedHashMap<>();
        for (String f : FIELDS) {
            rows.put(f, views.stream().map(v -> v.get(f)).toList());
        }
        Set<String> params = new LinkedHashSet<>();
        runs.forEach(r -> params.addAll(r.params().keySet()));
        for (String p : params) {
            rows.put("param." + p, runs.stream().map(r -> (Object) r.params().get(p)).toList());
        }
        return rows;
    }

    private static boolean differs(List<Object> values) {
        return values.stream().map(v -> Objects.toString(v, null)).distinct().count() > 1;
    }

    private static void print(List<TrainingRun> runs, Map<String, List<Object>> rows, PrintWriter out) {
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        StringBuilder head = new StringBuilder(String.format("%-" + width + "s", "field"));
        runs.forEach(r -> head.append(String.format("  %-22s", "run " + r.id())));
        out.println(head.toString().stripTrailing());
        rows.forEach((k, v) -> {
            StringBuilder line = new StringBuilder(String.format("%-" + width + "s", (differs(v) ? "* " : "  ") + k));
            v.forEach(x -> line.append(String.format("  %-22s", Cells.fit(Cells.text(x), 22))));
            out.println(line.toString().stripTrailing());
        });
        out.println();
        out.println("* = differs between runs");
    }
}
