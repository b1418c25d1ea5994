package dev.grove.run;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import dev.grove.data.ReferenceProfile;
import java.util.UUID;

/**
 * Everything known about a run when it starts: what is trained, on what, by whom, where.
 *
 * @param modelName         the registered model this run's version belongs to (e.g. {@code future_skills})
 * @param params            every hyperparameter as requested (replaced by the trainer's effective ones when the run succeeds)
 * @param classDistribution rows per class in the whole dataset, in first-appearance order
 * @param readOptions       how the dataset was read (format, delimiter, label, …), enough to read the same rows again
 * @param featureTypes      each feature's type as read ({@code numeric} or {@code categorical}), in {@code featuresUsed} order
 * @param modelPath         where the model file will be written
 * @param reproduces        the id of the run this one reproduces ({@code grove runs reproduce}), if any
 * @param referenceProfile  the training rows' feature distributions, for drift checks (runs of older releases have none)
 */
public record RunSpec(UUID uuid, String modelName, String modelVersion, Instant startedAt,
                      String trainerName, String trainerVersion, Map<String, Object> params,
                      int nEstimators, long randomState, double testSplit,
                      String datasetPath, String datasetSha256, Map<String, Object> readOptions, String labelColumn,
                      int totalSamples, int trainSamples, int testSamples,
                      Map<String, Integer> classDistribution, double imbalanceRatio, List<String> featuresUsed,
                      Map<String, String> featureTypes,
                      String modelPath, String trainedBy, String host, long pid, String jvm, String notes,
                      OptionalLong reproduces, Optional<ReferenceProfile> referenceProfile) {
    public RunSpec {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(trainerName, "trainerName");
        Objects.requireNonNull(trainerVersion, "trainerVersion");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(datasetPath, "datasetPath");
        Objects.requireNonNull(datasetSha256, "datasetSha256");
        readOptions = Collections.unmodifiableMap(new LinkedHashMap<>(readOptions));
        Objects.requireNonNull(labelColumn, "labelColumn");
        classDistribution = Collections.unmodifiableMap(new LinkedHashMap<>(classDistribution));
        featuresUsed = List.copyOf(featuresUsed);
        featureTypes = Collections.unmodifiableMap(new LinkedHashMap<>(featureTypes));
        Objects.requireNonNull(modelPath, "modelPath");
        Objects.requireNonNull(trainedBy, "trainedBy");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(jvm, "jvm");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(reproduces, "reproduces");
        Objects.requireNonNull(referenceProfile, "referenceProfile");
    }
}
