package dev.grove.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Filters, order and page of a run listing. Built from {@link #all()} with withers.
 *
 * @param versionPattern model versions to match; {@code *} matches any characters
 * @param from           runs started at or after this instant
 * @param to             runs started before this instant
 * @param limit          most runs returned
 */
public record RunQuery(Optional<RunStatus> status, Optional<String> modelName, Optional<String> trainer, Optional<String> versionPattern,
                       Optional<String> datasetSha256, Optional<Instant> from, Optional<Instant> to,
                       RunField orderBy, boolean descending, int limit, int offset) {
    public RunQuery {
        Objects.requireNonNull(status);
        Objects.requireNonNull(modelName);
        Objects.requireNonNull(trainer);
        Objects.requireNonNull(versionPattern);
        Objects.requireNonNull(datasetSha256);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(orderBy);
        if (limit < 0 || offset < 0) {
            throw new dev.grove.InvalidRequestException("limit and offset must not be negative");
        }
    }

    /** Every run, newest first. */
    public static RunQuery all() {
        return new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), RunField.STARTED_AT, true, Integer.MAX_VALUE, 0);
    }

    public RunQuery withStatus(RunStatus s) {
        return new RunQuery(Optional.of(s), modelName, trainer, versionPattern, datasetSha256, from, to, orderBy, descending, limit, offset);
    }

    /** Only runs of this registered model. */
    public RunQuery withModelName(String name) {
        return new RunQuery(status, Optional.of(name), trainer, versionPattern, datasetSha256, from, to, orderBy, descending, limit, offset);
    }

    public RunQuery withTrainer(String t) {
        return new RunQuery(status, modelName, Optional.of(t), versionPattern, datasetSha256, from, to, orderBy, descending, limit, offset);
    }

    public RunQuery withVersionPattern(String p) {
        return new RunQuery(status, modelName, trainer, Optional.of(p), datasetSha256, from, to, orderBy, descending, limit, offset);
    }

    public RunQuery withDatasetSha256(String sha) {
        return new RunQuery(status, modelName, trainer, versionPattern, Optional.of(sha), from, to, orderBy, descending, limit, offset);
    }

    public RunQuery withFrom(Instant f) {
        return new RunQuery(status, modelName, trainer, versionPattern, datasetSha256, Optional.of(f), to, orderBy, descending, limit, offset);
    }

    public RunQuery withTo(Instant t) {
        return new RunQuery(status, modelName, trainer, versionPattern, datasetSha256, from, Optional.of(t), orderBy, descending, limit, offset);
    }

    public RunQuery orderBy(RunField field, boolean desc) {
        return new RunQuery(status, modelName, trainer, versionPattern, datasetSha256, from, to, field, desc, limit, offset);
    }

    public RunQuery withLimit(int n) {
        return new RunQuery(status, modelName, trainer, versionPattern, datasetSha256, from, to, orderBy, descending, n, offset);
    }

    public RunQuery withOffset(int n) {
        return new RunQuery(status, modelName, trainer, versionPattern, datasetSha256, from, to, orderBy, descending, limit, n);
    }

    /** True when {@code version} matches {@code pattern}, where {@code *} matches any characters. */
    public static boolean matchesPattern(String pattern, String version) {
        String regex = java.util.Arrays.stream(pattern.split("\\*", -1))
                .map(java.util.regex.Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*"));
        return version.matches(regex);
    }
}
