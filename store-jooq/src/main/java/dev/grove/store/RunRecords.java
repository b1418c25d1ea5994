package dev.grove.store;

import static dev.grove.store.StoredJson.read;
import static dev.grove.store.StoredJson.write;
import static dev.grove.store.db.Tables.TRAINING_RUN;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.grove.data.ReferenceProfile;
import dev.grove.eval.ClassMetrics;
import dev.grove.eval.Evaluation;
import dev.grove.registry.ModelNames;
import dev.grove.run.RunOutcome;
import dev.grove.run.RunSpec;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.store.db.tables.records.TrainingRunRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Maps runs to {@code training_run} rows and back. Times are {@link Instant}s cut to whole
 * microseconds (see {@link RunTimeBinding}); maps and lists are compact JSON text.
 */
final class RunRecords {
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Integer>> INT_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<ClassMetrics>> CLASS_METRICS = new TypeReference<>() {
    };

    private RunRecords() {
    }

    /** The columns of a new RUNNING run; its heartbeat starts at its start. */
    static void fillStart(TrainingRunRecord r, RunSpec s) {
        r.set(TRAINING_RUN.RUN_UUID, s.uuid().toString());
        r.set(TRAINING_RUN.MODEL_NAME, s.modelName());
        r.set(TRAINING_RUN.MODEL_VERSION, s.modelVersion());
        r.set(TRAINING_RUN.STATUS, RunStatus.RUNNING.name());
        r.set(TRAINING_RUN.RUN_DATE, s.startedAt());
        r.set(TRAINING_RUN.HEARTBEAT_AT, s.startedAt());
        r.set(TRAINING_RUN.TRAINER_NAME, s.trainerName());
        r.set(TRAINING_RUN.TRAINER_VERSION, s.trainerVersion());
        r.set(TRAINING_RUN.PARAMS_JSON, write(s.params()));
        r.set(TRAINING_RUN.N_ESTIMATORS, s.nEstimators());
        r.set(TRAINING_RUN.RANDOM_STATE, s.randomState());
        r.set(TRAINING_RUN.TEST_SPLIT, s.testSplit());
        r.set(TRAINING_RUN.DATASET_PATH, s.datasetPath());
        r.set(TRAINING_RUN.DATASET_SHA256, s.datasetSha256());
        r.set(TRAINING_RUN.READ_OPTIONS, write(s.readOptions()));
        r.set(TRAINING_RUN.LABEL_COLUMN, s.labelColumn());
        r.set(TRAINING_RUN.TOTAL_SAMPLES, s.totalSamples());
        r.set(TRAINING_RUN.TRAIN_SAMPLES, s.trainSamples());
        r.set(TRAINING_RUN.TEST_SAMPLES, s.testSamples());
        r.set(TRAINING_RUN.CLASS_DISTRIBUTION_JSON, write(s.classDistribution()));
        r.set(TRAINING_RUN.IMBALANCE_RATIO, s.imbalanceRatio());
        r.set(TRAINING_RUN.FEATURES_USED, write(s.featuresUsed()));
        r.set(TRAINING_RUN.FEATURE_TYPES, write(s.featureTypes()));
        r.set(TRAINING_RUN.MODEL_PATH, s.modelPath());
        r.set(TRAINING_RUN.TRAINED_BY, s.trainedBy());
        r.set(TRAINING_RUN.HOST, s.host());
        r.set(TRAINING_RUN.PID, s.pid());
        r.set(TRAINING_RUN.JVM, s.jvm());
        r.set(TRAINING_RUN.NOTES, s.notes());
        r.set(TRAINING_RUN.REPRODUCES_RUN_ID, s.reproduces().isPresent() ? s.reproduces().getAsLong() : null);
        r.set(TRAINING_RUN.REFERENCE_PROFILE, s.referenceProfile().map(StoredJson::write).orElse(null));
    }

    /** The columns a successful finish sets. */
    static void fillOutcome(TrainingRunRecord r, RunOutcome o) {
        Evaluation e = o.evaluation();
        r.set(TRAINING_RUN.EFFECTIVE_PARAMS_JSON, write(o.params()));
        r.set(TRAINING_RUN.TRAINING_DURATION_SECONDS, o.trainingSeconds());
        r.set(TRAINING_RUN.MODEL_SHA256, o.modelSha256());
        r.set(TRAINING_RUN.ACCURACY, e.accuracy());
        r.set(TRAINING_RUN.PRECISION, e.precisionWeighted());
        r.set(TRAINING_RUN.RECALL, e.recallWeighted());
        r.set(TRAINING_RUN.F1_SCORE, e.f1Weighted());
        r.set(TRAINING_RUN.PRECISION_MACRO, e.precisionMacro());
        r.set(TRAINING_RUN.RECALL_MACRO, e.recallMacro());
        r.set(TRAINING_RUN.F1_MACRO, e.f1Macro());
        r.set(TRAINING_RUN.EVAL_SAMPLES, e.samples());
        r.set(TRAINING_RUN.EVAL_CLASSES_JSON, write(e.classes()));
        r.set(TRAINING_RUN.PER_CLASS_METRICS, write(e.perClass()));
        r.set(TRAINING_RUN.CONFUSION_MATRIX_JSON, write(e.confusion()));
    }

    static TrainingRun toRun(TrainingRunRecord r) {
        RunStatus status = RunStatus.valueOf(r.get(TRAINING_RUN.STATUS));
        Long reproduces = r.get(TRAINING_RUN.REPRODUCES_RUN_ID);
        String profile = r.get(TRAINING_RUN.REFERENCE_PROFILE); // NULL for runs recorded before V4
        RunSpec spec = new RunSpec(UUID.fromString(r.get(TRAINING_RUN.RUN_UUID)), modelName(r), r.get(TRAINING_RUN.MODEL_VERSION),
                r.get(TRAINING_RUN.RUN_DATE), r.get(TRAINING_RUN.TRAINER_NAME),
                r.get(TRAINING_RUN.TRAINER_VERSION), read(r.get(TRAINING_RUN.PARAMS_JSON), OBJECT_MAP),
                r.get(TRAINING_RUN.N_ESTIMATORS), r.get(TRAINING_RUN.RANDOM_STATE), r.get(TRAINING_RUN.TEST_SPLIT),
                r.get(TRAINING_RUN.DATASET_PATH), r.get(TRAINING_RUN.DATASET_SHA256),
                read(r.get(TRAINING_RUN.READ_OPTIONS), OBJECT_MAP), r.get(TRAINING_RUN.LABEL_COLUMN),
                r.get(TRAINING_RUN.TOTAL_SAMPLES), r.get(TRAINING_RUN.TRAIN_SAMPLES), r.get(TRAINING_RUN.TEST_SAMPLES),
                read(r.get(TRAINING_RUN.CLASS_DISTRIBUTION_JSON), INT_MAP), r.get(TRAINING_RUN.IMBALANCE_RATIO),
                read(r.get(TRAINING_RUN.FEATURES_USED), STRINGS), read(r.get(TRAINING_RUN.FEATURE_TYPES), STRING_MAP),
                r.get(TRAINING_RUN.MODEL_PATH), r.get(TRAINING_RUN.TRAINED_BY), r.get(TRAINING_RUN.HOST),
                r.get(TRAINING_RUN.PID), r.get(TRAINING_RUN.JVM), r.get(TRAINING_RUN.NOTES),
                reproduces == null ? OptionalLong.empty() : OptionalLong.of(reproduces),
                profile == null ? Optional.empty() : Optional.of(read(profile, ReferenceProfile.class)));
        Optional<RunOutcome> outcome = Optional.empty();
        if (status == RunStatus.SUCCEEDED) {
            Evaluation e = new Evaluation(read(r.get(TRAINING_RUN.EVAL_CLASSES_JSON), STRINGS),
                    r.get(TRAINING_RUN.EVAL_SAMPLES), r.get(TRAINING_RUN.ACCURACY), r.get(TRAINING_RUN.PRECISION),
                    r.get(TRAINING_RUN.RECALL), r.get(TRAINING_RUN.F1_SCORE),
                    r.get(TRAINING_RUN.PRECISION_MACRO), r.get(TRAINING_RUN.RECALL_MACRO), r.get(TRAINING_RUN.F1_MACRO),
                    read(r.get(TRAINING_RUN.PER_CLASS_METRICS), CLASS_METRICS),
                    read(r.get(TRAINING_RUN.CONFUSION_MATRIX_JSON), int[][].class));
            outcome = Optional.of(new RunOutcome(e, r.get(TRAINING_RUN.TRAINING_DURATION_SECONDS),
                    r.get(TRAINING_RUN.MODEL_SHA256), read(r.get(TRAINING_RUN.EFFECTIVE_PARAMS_JSON), OBJECT_MAP)));
        }
        Optional<String> error = status == RunStatus.FAILED || status == RunStatus.INTERRUPTED
                ? Optional.ofNullable(r.get(TRAINING_RUN.ERROR_MESSAGE)) : Optional.empty();
        return new TrainingRun(r.get(TRAINING_RUN.ID), status, spec, r.get(TRAINING_RUN.HEARTBEAT_AT),
                Optional.ofNullable(r.get(TRAINING_RUN.FINISHED_AT)), outcome, error);
    }

    /**
     * The run's model name; a row still without one (written by a process of an older Grove since
     * the upgrade, see {@link ModelNameBackfill}) reads with the name the next open will store.
     */
    private static String modelName(TrainingRunRecord r) {
        String name = r.get(TRAINING_RUN.MODEL_NAME);
        return name.isEmpty() ? ModelNames.defaultFor(r.get(TRAINING_RUN.DATASET_PATH)) : name;
    }
}
