package dev.grove.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.grove.RunStoreException;
import dev.grove.internal.GroveJson;

/**
 * The store's JSON columns: compact text written by core's {@link GroveJson}, read back as the
 * type asked for. Numbers come back as JSON reads them: an integer as an {@code Integer} when it
 * fits one, a decimal as a {@code Double}.
 */
final class StoredJson {
    private StoredJson() {
    }

    static String write(Object value) {
        return GroveJson.compact(value);
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return GroveJson.reader(type).readValue(json);
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return GroveJson.reader(type).readValue(json);
        } catch (JsonProcessingException e) {
            throw unreadable(e);
        }
    }

    private static RunStoreException unreadable(JsonProcessingException e) {
        return new RunStoreException("unreadable JSON in the run store: " + StoreErrors.oneLine(e.getOriginalMessage()), e);
    }
}
