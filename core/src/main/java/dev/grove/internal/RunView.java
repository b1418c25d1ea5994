package dev.grove.internal;

import dev.grove.eval.Evaluation;
import dev.grove.run.RunOutcome;
import dev.grove.run.RunSpec;
import dev.grove.run.TrainingRun;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run as one flat, snake_case map (keys as the original feature's fields): what {@code grove runs
 * show --json} prints and what the server's API answers, so the two never drift apart.
 */
public final class RunView {
    private RunView() {
    }

    public static Map<String, Object> of(TrainingRun run) {
        RunSpec s = run.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", run.id());
        m.put("run_uuid", s.uuid().toString());
        m.put("status", run.status().name());
        m.put("model_name", s.modelName());
        m.put("model_version", s.modelVersion());
        m.put("trainer", s.trainerName());
        m.put("trainer_version", s.trainerVersion());
        m.put("run_date", s.startedAt().toString());
        m.put("finished_at", run.finishedAt().map(Object::toString).orElse(null));
        m.put("model_path", s.modelPath());
        m.put("model_sha256", run.outcome().map(RunOutcome::modelSha256).orElse(null));
        m.put("dataset_path", s.datasetPath());
        m.put("dataset_sha256", s.datasetSha256());
        m.put("read_options", s.readOptions());
        m.put("label_column", s.labelColumn());
        m.put("test_split", s.testSplit());
        m.put("n_estimators", s.nEstimators());
        m.put("random_state", s.randomState());
        m.put("params", run.params());
        m.put("total_samples", s.totalSamples());
        m.put("train_samples", s.trainSamples());
        m.put("test_samples", s.testSamples());
        m.put("class_distribution", s.classDistribution());
        m.put("imbalance_ratio", s.imbalanceRatio());
        m.put("features_used", s.featuresUsed());
        m.put("feature_types", s.featureTypes());
        Evaluation e = run.outcome().map(RunOutcome::evaluation).orElse(null);
        m.put("accuracy", e == null ? null : e.accuracy());
        m.put("precision", e == null ? null : e.precisionWeighted());
        m.put("recall", e == null ? null : e.recallWeighted());
        m.put("f1_score", e == null ? null : e.f1Weighted());
        m.put("per_class", e == null ? null : MetricsSummary.perClass(e));
        m.put("confusion_matrix", e == null ? null : confusion(e));
        m.put("training_duration_seconds", run.outcome().map(RunOutcome::trainingSeconds).orElse(null));
        m.put("error", run.error().orElse(null));
        m.put("heartbeat_at", run.heartbeatAt().toString());
        m.put("trained_by", s.trainedBy());
        m.put("host", s.host());
        m.put("pid", s.pid());
        m.put("jvm", s.jvm());
        m.put("notes", s.notes());
        m.put("reproduces_run_id", s.reproduces().isPresent() ? s.reproduces().getAsLong() : null);
        return m;
    }

    private static Map<String, Object> confusion(Evaluation e) {
        Map<String, Object> c = new LinkedHashMap<>(); // labels first, in every output
        c.put("labels", e.classes());
        c.put("matrix", e.confusion());
        return c;
    }
}
