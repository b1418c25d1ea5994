package dev.grove.cli;

import dev.grove.TrainingResult;
import dev.grove.data.DataWarning;
import dev.grove.data.DatasetProfile;
import dev.grove.eval.ClassMetrics;
import dev.grove.eval.Evaluation;
import dev.grove.run.TrainingRun;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text summary after a training, as the original feature printed it, plus each feature's
 * type, imbalance, missing values and what reading the data noticed.
 */
final class TrainSummary {
    private final PrintWriter out;

    TrainSummary(PrintWriter out) {
        this.out = out;
    }

    void print(TrainingResult r) {
        TrainingRun run = r.run();
        Evaluation e = r.evaluation();
        DatasetProfile p = r.profile();
        out.println("Training complete");
        out.printf("  Dataset:       %s (%d rows, sha256 %s)%n", Printable.of(run.spec().datasetPath()), run.spec().totalSamples(),
                abbreviate(run.spec().datasetSha256()));
        out.printf("  Model:         %s%n", Printable.of(run.spec().modelName()));
        out.printf("  Model version: %s%n", Printable.of(run.modelVersion()));
        out.printf("  Trainer:       %s %s%n", Printable.of(run.spec().trainerName()), Printable.of(run.spec().trainerVersion()));
        out.printf("  Accuracy:      %.4f%n", e.accuracy());
        out.printf("  Precision:     %.4f (weighted)%n", e.precisionWeighted());
        out.printf("  Recall:        %.4f (weighted)%n", e.recallWeighted());
        out.printf("  F1 score:      %.4f (weighted)%n", e.f1Weighted());
        out.printf("  Duration:      %.2f s training, %.2f s in all%n", r.trainingSeconds(),
                r.timings().total().toNanos() / 1e9);
        out.printf("  Model path:    %s%n", Printable.of(r.modelPath().toString()));
        out.printf("  Database id:   %d (run %s, %s)%n", run.id(), run.spec().uuid(), run.status());
        out.printf("  Features:      %s%n", Printable.of(features(run.spec().featureTypes())));
        out.println();
        out.printf("Per-class recall on %d test rows:%n", e.samples());
        int width = e.classes().stream().mapToInt(String::length).max().orElse(0);
        for (ClassMetrics c : e.perClass()) {
            out.printf("  %-" + width + "s : %6.2f%% (n=%d)%n", Printable.of(c.label()), 100 * c.recall(), c.support());
        }
        if (p.imbalanceRatio() >= 1.5) {
            out.printf("%nClass imbalance: %.2f (largest / smallest class: %s)%n", p.imbalanceRatio(),
                    p.classCounts().entrySet().stream().map(x -> x.getKey() + " " + x.getValue())
                            .collect(Collectors.joining(", ")).transform(Printable::of));
        }
        if (p.missingCells() > 0) {
            out.printf("Missing values: %s (filled from the training rows)%n",
                    p.missingPerColumn().entrySet().stream().filter(x -> x.getValue() > 0)
                            .map(x -> x.getKey() + " " + x.getValue()).collect(Collectors.joining(", ")).transform(Printable::of));
        }
        if (p.rowsDroppedMissingLabel() > 0) {
            out.printf("Rows dropped because their label is missing: %d%n", p.rowsDroppedMissingLabel());
        }
        for (DataWarning w : p.warnings()) {
            out.printf("Warning: %s%n", Printable.of(w.message()));
        }
        out.flush();
    }

    /** Each feature with its type; past a dozen, the count of each type and the categorical ones by name. */
    static String features(Map<String, String> types) {
        if (types.size() <= 12) {
            return types.entrySet().stream().map(f -> f.getKey() + " (" + f.getValue() + ")")
                    .collect(Collectors.joining(", "));
        }
        List<String> categorical = types.entrySet().stream().filter(f -> f.getValue().equals("categorical"))
                .map(Map.Entry::getKey).toList();
        return (types.size() - categorical.size()) + " numeric, " + categorical.size() + " categorical"
                + (categorical.isEmpty() ? "" : " (" + String.join(", ", categorical) + ")");
    }

    static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }
}
