package dev.grove.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * A movable name for one version of a model ({@code future_skills@production}).
 *
 * @param runId the run whose model the alias points at
 * @param since when the alias last moved, and who moved it
 */
public record Alias(String model, String alias, String version, long runId, Instant since, String setBy) {
    public Alias {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(setBy, "setBy");
    }

    @Override
    public String toString() {
        return model + "@" + alias + " = " + version;
    }
}
