package dev.grove.registry;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the promotion gate measured: both models scored on the same held-out rows (the
 * challenger's test split, rebuilt from its recorded dataset, seed and split).
 *
 * @param metric        the metric compared (e.g. {@code f1_score}, weighted)
 * @param champion      the alias holder's score; empty when the alias pointed nowhere
 * @param minGain       how much better than the champion the challenger had to be (0: at least as good)
 * @param rows          how many held-out rows both were scored on
 * @param datasetSha256 the fingerprint of the data those rows came from
 */
public record GateScores(String metric, double challenger, OptionalDouble champion, double minGain, int rows,
                         String datasetSha256) {
    public GateScores {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(datasetSha256, "datasetSha256");
    }

    /** True when the challenger is at least as good as the champion plus the margin (or there is no champion). */
    public boolean challengerWins() {
        return champion.isEmpty() || challenger >= champion.getAsDouble() + minGain;
    }
}
