package dev.grove.registry;

/**
 * What a promotion did: moved the alias (by the gate, or forced), or left it where it was (the gate
 * refused, or another promotion moved it first); {@code change} is the history row either way.
 */
public record PromotionOutcome(boolean moved, AliasChange change) {

    /** One line for people: what happened, with both scores. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        String target = change.model() + "@" + change.alias();
        s.append(switch (change.action()) {
            case PROMOTE -> target + " moved to " + change.toVersion().orElse("?");
            case FORCE -> target + " moved to " + change.toVersion().orElse("?") + " (forced)";
            default -> target + " stays at " + change.fromVersion().orElse("nothing") + ": " + change.reason();
        });
        change.gate().ifPresent(g -> s.append("; ").append(g.metric()).append(' ')
                .append(change.toVersion().orElse("challenger")).append(' ').append(String.format("%.4f", g.challenger()))
                .append(g.champion().isPresent()
                        ? " vs " + change.fromVersion().orElse("champion") + " " + String.format("%.4f", g.champion().getAsDouble())
                        : " (no champion)")
                .append(g.minGain() > 0 ? ", minimum gain " + g.minGain() : "")
                .append(" on ").append(g.rows()).append(" held-out rows"));
        return s.toString();
    }
}
