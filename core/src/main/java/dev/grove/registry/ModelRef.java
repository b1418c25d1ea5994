package dev.grove.registry;

import dev.grove.InvalidRequestException;
import java.util.Objects;

/**
 * How a model is named wherever one is asked for: {@code NAME@ALIAS} (the version an alias points
 * at now), a run id (digits, or {@code id:N}), or a model version ({@code version:V} to say so).
 * Versions are never all digits and never hold {@code @}, so the forms cannot be confused.
 */
public record ModelRef(Kind kind, String model, String alias, String version, long runId) {
    public enum Kind { ALIAS, VERSION, RUN_ID }

    public ModelRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(version, "version");
    }

    public static ModelRef parse(String text) {
        String s = Objects.requireNonNull(text, "text").trim();
        int at = s.indexOf('@');
        if (at >= 0) {
            String model = s.substring(0, at);
            String alias = s.substring(at + 1);
            ModelNames.requireName(model);
            ModelNames.requireAlias(alias);
            return new ModelRef(Kind.ALIAS, model, alias, "", -1);
        }
        if (s.startsWith("version:")) {
            return new ModelRef(Kind.VERSION, "", "", s.substring("version:".length()), -1);
        }
        String id = s.startsWith("id:") ? s.substring(3) : s;
        if (id.matches("\\d{1,18}")) {
            return new ModelRef(Kind.RUN_ID, "", "", "", Long.parseLong(id));
        }
        if (s.startsWith("id:")) {
            throw new InvalidRequestException("'" + s + "' is not a run id; ids are whole numbers");
        }
        if (s.isEmpty()) {
            throw new InvalidRequestException("no model named: give NAME@ALIAS, a model version or a run id");
        }
        return new ModelRef(Kind.VERSION, "", "", s, -1);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ALIAS -> model + "@" + alias;
            case VERSION -> version;
            case RUN_ID -> "id:" + runId;
        };
    }
}
