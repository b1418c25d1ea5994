package dev.grove.store;

import static dev.grove.store.db.Tables.TRIGGER_HISTORY;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.grove.retrain.RetrainOutcome;
import dev.grove.retrain.TriggerEvaluation;
import dev.grove.store.db.tables.records.TriggerHistoryRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Maps trigger evaluations to {@code trigger_history} rows and back: {@code fired} and
 * {@code reasons} as JSON arrays of text, {@code measurements} as a JSON object (key order kept).
 */
final class TriggerRecords {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };

    private TriggerRecords() {
    }

    /** The columns of a new history row (its id comes from the database). */
    static void fill(TriggerHistoryRecord r, TriggerEvaluation e) {
        r.set(TRIGGER_HISTORY.MODEL_NAME, e.model());
        r.set(TRIGGER_HISTORY.ALIAS, e.alias());
        r.set(TRIGGER_HISTORY.AT, e.at());
        r.set(TRIGGER_HISTORY.OUTCOME, e.outcome().name());
        r.set(TRIGGER_HISTORY.FIRED, StoredJson.write(e.fired()));
        r.set(TRIGGER_HISTORY.REASONS, StoredJson.write(e.reasons()));
        r.set(TRIGGER_HISTORY.MEASUREMENTS, StoredJson.write(e.measurements()));
        r.set(TRIGGER_HISTORY.CHALLENGER_RUN_ID, e.challenger().isPresent() ? e.challenger().getAsLong() : null);
        r.set(TRIGGER_HISTORY.PROMOTED, e.promoted().orElse(null));
        r.set(TRIGGER_HISTORY.ACTOR, e.actor());
        r.set(TRIGGER_HISTORY.ERROR, e.error().orElse(null));
    }

    static TriggerEvaluation toEvaluation(TriggerHistoryRecord r) {
        Long challenger = r.get(TRIGGER_HISTORY.CHALLENGER_RUN_ID);
        return new TriggerEvaluation(r.get(TRIGGER_HISTORY.ID), r.get(TRIGGER_HISTORY.MODEL_NAME),
                r.get(TRIGGER_HISTORY.ALIAS), r.get(TRIGGER_HISTORY.AT),
                RetrainOutcome.valueOf(r.get(TRIGGER_HISTORY.OUTCOME)),
                StoredJson.read(r.get(TRIGGER_HISTORY.FIRED), STRINGS),
                StoredJson.read(r.get(TRIGGER_HISTORY.REASONS), STRINGS),
                StoredJson.read(r.get(TRIGGER_HISTORY.MEASUREMENTS), OBJECT_MAP),
                challenger == null ? OptionalLong.empty() : OptionalLong.of(challenger),
                Optional.ofNullable(r.get(TRIGGER_HISTORY.PROMOTED)), r.get(TRIGGER_HISTORY.ACTOR),
                Optional.ofNullable(r.get(TRIGGER_HISTORY.ERROR)));
    }
}
