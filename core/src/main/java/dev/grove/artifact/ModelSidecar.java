package dev.grove.artifact;

import dev.grove.train.FeatureSpec;
import java.util.List;
import java.util.Map;

/**
 * The JSON file written next to every model ({@code <model file>.json}): what the model is,
 * how it was made and scored, and the SHA-256 its bytes must have to be trusted.
 *
 * @param format     {@value #FORMAT}
 * @param createdAt  ISO-8601 instant
 * @param modelFile  the model file's name (same folder)
 * @param metrics    accuracy, precision, recall, f1_score (weighted) and per_class on the test rows
 * @param provenance the trainer library's own record of the training, when it keeps one
 */
public record ModelSidecar(String format, String modelVersion, String runUuid, String trainer, String trainerVersion,
                           String createdAt, String labelColumn, List<String> classes, List<FeatureSpec> features,
                           Map<String, Object> params, Map<String, Object> metrics, String datasetPath,
                           String datasetSha256, String modelFile, String modelSha256,
                           Map<String, Object> provenance) {
    public static final String FORMAT = "grove-model/1";

    public ModelSidecar {
        classes = classes == null ? List.of() : List.copyOf(classes);
        features = features == null ? List.of() : List.copyOf(features);
        params = params == null ? Map.of() : params;
        metrics = metrics == null ? Map.of() : metrics;
        provenance = provenance == null ? Map.of() : provenance;
    }

    /** This sidecar with other provenance. */
    public ModelSidecar withProvenance(Map<String, Object> p) {
        return new ModelSidecar(format, modelVersion, runUuid, trainer, trainerVersion, createdAt, labelColumn, classes,
                features, params, metrics, datasetPath, datasetSha256, modelFile, modelSha256, p);
    }

    /** This sidecar naming a written model file and its SHA-256. */
    public ModelSidecar withModel(String file, String sha256) {
        return new ModelSidecar(format, modelVersion, runUuid, trainer, trainerVersion, createdAt, labelColumn, classes,
                features, params, metrics, datasetPath, datasetSha256, file, sha256, provenance);
    }
}
