package dev.grove.cli;

import dev.grove.registry.Alias;
import dev.grove.registry.AliasChange;
import dev.grove.internal.RegistryView;
import java.util.Map;

/** Aliases and history rows as the flat, snake_case maps {@code --json} prints (shared with the server), and as lines. */
final class RegistryViews {
    private RegistryViews() {
    }

    static Map<String, Object> alias(Alias a) {
        return RegistryView.alias(a);
    }

    static Map<String, Object> change(AliasChange c) {
        return RegistryView.change(c);
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
