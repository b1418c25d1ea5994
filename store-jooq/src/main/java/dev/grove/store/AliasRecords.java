package dev.grove.store;

import static dev.grove.store.db.Tables.ALIAS_HISTORY;
import static dev.grove.store.db.Tables.MODEL_ALIAS;

import dev.grove.registry.Alias;
import dev.grove.registry.AliasAction;
import dev.grove.registry.AliasChange;
import dev.grove.registry.GateScores;
import dev.grove.store.db.tables.records.AliasHistoryRecord;
import dev.grove.store.db.tables.records.ModelAliasRecord;
import java.util.Optional;
import java.util.OptionalDouble;

/** Maps aliases to {@code model_alias} rows and alias changes to {@code alias_history} rows, and back. */
final class AliasRecords {
    private AliasRecords() {
    }

    static Alias toAlias(ModelAliasRecord r) {
        return new Alias(r.get(MODEL_ALIAS.MODEL_NAME), r.get(MODEL_ALIAS.ALIAS), r.get(MODEL_ALIAS.MODEL_VERSION),
                r.get(MODEL_ALIAS.RUN_ID), r.get(MODEL_ALIAS.UPDATED_AT), r.get(MODEL_ALIAS.UPDATED_BY));
    }

    /** The columns of a new history row (its id comes from the database). */
    static void fill(AliasHistoryRecord r, AliasChange c) {
        r.set(ALIAS_HISTORY.MODEL_NAME, c.model());
        r.set(ALIAS_HISTORY.ALIAS, c.alias());
        r.set(ALIAS_HISTORY.ACTION, c.action().name());
        r.set(ALIAS_HISTORY.FROM_VERSION, c.fromVersion().orElse(null));
        r.set(ALIAS_HISTORY.TO_VERSION, c.toVersion().orElse(null));
        r.set(ALIAS_HISTORY.ACTOR, c.actor());
        r.set(ALIAS_HISTORY.AT, c.at());
        r.set(ALIAS_HISTORY.REASON, c.reason());
        c.gate().ifPresent(g -> {
            r.set(ALIAS_HISTORY.GATE_METRIC, g.metric());
            r.set(ALIAS_HISTORY.GATE_CHALLENGER, g.challenger());
            r.set(ALIAS_HISTORY.GATE_CHAMPION, g.champion().isPresent() ? g.champion().getAsDouble() : null);
            r.set(ALIAS_HISTORY.GATE_MIN_GAIN, g.minGain());
            r.set(ALIAS_HISTORY.GATE_ROWS, g.rows());
            r.set(ALIAS_HISTORY.GATE_DATASET_SHA256, g.datasetSha256());
        });
    }

    static AliasChange toChange(AliasHistoryRecord r) {
        Optional<GateScores> gate = Optional.empty();
        if (r.get(ALIAS_HISTORY.GATE_METRIC) != null) { // the table's CHECK: all gate columns or none
            Double champion = r.get(ALIAS_HISTORY.GATE_CHAMPION);
            gate = Optional.of(new GateScores(r.get(ALIAS_HISTORY.GATE_METRIC), r.get(ALIAS_HISTORY.GATE_CHALLENGER),
                    champion == null ? OptionalDouble.empty() : OptionalDouble.of(champion),
                    r.get(ALIAS_HISTORY.GATE_MIN_GAIN), r.get(ALIAS_HISTORY.GATE_ROWS),
                    r.get(ALIAS_HISTORY.GATE_DATASET_SHA256)));
        }
        return new AliasChange(r.get(ALIAS_HISTORY.ID), r.get(ALIAS_HISTORY.MODEL_NAME), r.get(ALIAS_HISTORY.ALIAS),
                AliasAction.valueOf(r.get(ALIAS_HISTORY.ACTION)), Optional.ofNullable(r.get(ALIAS_HISTORY.FROM_VERSION)),
                Optional.ofNullable(r.get(ALIAS_HISTORY.TO_VERSION)), r.get(ALIAS_HISTORY.ACTOR), r.get(ALIAS_HISTORY.AT),
                r.get(ALIAS_HISTORY.REASON), gate);
    }
}
