package dev.grove.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Values that JSON holds exactly, so a store can write them and read the same values back. */
public final class JsonValues {
    private JsonValues() {
    }

    /**
     * Refuses, before anything is written, what JSON cannot hold and so could never come back:
     * anything but text, finite numbers, booleans, null, and lists and maps (text keys) of them.
     * A store hands numbers back as JSON reads them (an integer that fits as an {@code Integer}).
     */
    public static void require(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(path + " is " + d + ", which JSON cannot hold; record it as null,"
                        + " as text, or leave it out");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(path + " has the key " + e.getKey() + " ("
                            + (e.getKey() == null ? "null" : e.getKey().getClass().getName())
                            + "); JSON objects have text keys only");
                }
                require(e.getValue(), path + "." + key);
            }
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                require(list.get(i), path + "[" + i + "]");
            }
            return;
        }
        throw new IllegalArgumentException(path + " is a " + value.getClass().getName() + "; measurements hold JSON"
                + " values only: text, numbers, booleans, null, and lists and maps of them");
    }
}
