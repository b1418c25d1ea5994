package dev.grove.cli;

import dev.grove.registry.Alias;
import dev.grove.registry.AliasChange;
import dev.grove.registry.GateScores;
import java.util.LinkedHashMap;
import java.util.Map;

/** Aliases and history rows as the flat, snake_case maps {@code --json} prints. */
final class RegistryViews {
    private RegistryViews() {
    }

    static Map<String, Object> alias(Alias a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", a.model());
        m.put("alias", a.alias());
        m.put("model_version", a.version());
        m.put("run_id", a.runId());
        m.put("since", a.since().toString());
        m.put("set_by", a.setBy());
        return m;
    }

    static Map<String, Object> change(AliasChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("model", c.model());
        m.put("alias", c.alias());
        m.put("action", c.action().name());
        m.put("from_version", c.fromVersion().orElse(null));
        m.put("to_version", c.toVersion().orElse(null));
        m.put("actor", c.actor());
        m.put("at", c.at().toString());
        m.put("reason", c.reason());
        m.put("gate", c.gate().map(RegistryViews::gate).orElse(null));
        return m;
    }

    static Map<String, Object> gate(GateScores g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", g.metric());
        m.put("challenger", g.challenger());
        m.put("champion", g.champion().isPresent() ? g.champion().getAsDouble() : null);
        m.put("min_gain", g.minGain());
        m.put("rows", g.rows());
        m.put("dataset_sha256", g.datasetSha256());
        m.put("challenger_wins", g.challengerWins());
        return m;
    }

    /** One history row as a line: when, what, from → to, who, the scores, why. */
    static String line(AliasChange c) {
        StringBuilder s = new StringBuilder();
        s.append(c.at().toString(), 0, 19).append(' ').append(String.format("%-8s", c.action().name()))
                .append(' ').append(c.alias()).append(": ").append(c.fromVersion().orElse("-")).append(" -> ")
                .append(c.toVersion().orElse("-")).append(" by ").append(c.actor());
        c.gate().ifPresent(g -> s.append(" [").append(g.metric()).append(' ')
                .append(String.format("%.4f", g.challenger())).append(" vs ")
                .append(g.champion().isPresent() ? String.format("%.4f", g.champion().getAsDouble()) : "none")
                .append(g.minGain() > 0 ? ", min gain " + g.minGain() : "").append(", ").append(g.rows()).append(" rows]"));
        if (!c.reason().isBlank()) {
            s.append(" — ").append(c.reason());
        }
        return Printable.of(s.toString());
    }
}
