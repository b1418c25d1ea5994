package dev.grove.internal;

import dev.grove.registry.Alias;
import dev.grove.registry.AliasChange;
import dev.grove.registry.GateScores;
import java.util.LinkedHashMap;
import java.util.Map;

/** Aliases and alias-history rows as flat, snake_case maps: what the command line's {@code --json} prints and the server answers. */
public final class RegistryView {
    private RegistryView() {
    }

    public static Map<String, Object> alias(Alias a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", a.model());
        m.put("alias", a.alias());
        m.put("model_version", a.version());
        m.put("run_id", a.runId());
        m.put("since", a.since().toString());
        m.put("set_by", a.setBy());
        return m;
    }

    public static Map<String, Object> change(AliasChange c) {
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
        m.put("gate", c.gate().map(RegistryView::gate).orElse(null));
        return m;
    }

    public static Map<String, Object> gate(GateScores g) {
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
}
