package dev.grove.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, strict reads of a JSON request object: a key the route does not know, or a value of the
 * wrong type, is a 400 naming the key, never silently ignored or coerced.
 */
final class Fields {
    private final ObjectNode node;

    private Fields(ObjectNode node) {
        this.node = node;
    }

    /** Reads {@code node}, refusing any key outside {@code known}. */
    static Fields of(ObjectNode node, Set<String> known, Map<String, String> refused) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (refused.containsKey(key)) {
                throw new ApiException(400, "'" + key + "' cannot be set through the API: " + refused.get(key));
            }
            if (!known.contains(key)) {
                throw new ApiException(400, "unknown key '" + key + "'; the keys are: " + String.join(", ",
                        new TreeSet<>(known)));
            }
        }
        return new Fields(node);
    }

    private Optional<JsonNode> value(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    Optional<String> string(String key) {
        return value(key).map(v -> {
            if (!v.isTextual()) {
                throw wrong(key, "a string", v);
            }
            return v.asText();
        });
    }

    Optional<Integer> integer(String key) {
        return value(key).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw wrong(key, "a whole number", v);
            }
            return v.intValue();
        });
    }

    Optional<Long> whole(String key) {
        return value(key).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw wrong(key, "a whole number", v);
            }
            return v.longValue();
        });
    }

    Optional<Double> number(String key) {
        return value(key).map(v -> {
            if (!v.isNumber()) {
                throw wrong(key, "a number", v);
            }
            return v.doubleValue();
        });
    }

    Optional<Boolean> bool(String key) {
        return value(key).map(v -> {
            if (!v.isBoolean()) {
                throw wrong(key, "true or false", v);
            }
            return v.booleanValue();
        });
    }

    /** One character, as the CLI's {@code --delimiter} and {@code --decimal} take it ({@code \t} for a tab). */
    Optional<Character> character(String key) {
        return string(key).map(s -> {
            String t = s.equals("\\t") ? "\t" : s;
            if (t.length() != 1) {
                throw new ApiException(400, "'" + key + "' must be one character (or \\t for a tab), got \"" + s + "\"");
            }
            return t.charAt(0);
        });
    }

    /** A list of strings, given as a JSON array or as one comma-separated string (as the CLI takes it). */
    Optional<List<String>> strings(String key) {
        return value(key).map(v -> {
            List<String> out = new ArrayList<>();
            if (v.isTextual()) {
                for (String part : v.asText().split(",")) {
                    out.add(part);
                }
            } else if (v.isArray()) {
                for (JsonNode e : v) {
                    if (!e.isTextual()) {
                        throw wrong(key, "an array of strings", v);
                    }
                    out.add(e.asText());
                }
            } else {
                throw wrong(key, "an array of strings", v);
            }
            return out.stream().map(String::trim).filter(x -> !x.isEmpty()).toList();
        });
    }

    /** An object of names to plain values (strings, numbers, booleans), as text: the CLI's {@code -P KEY=VALUE}. */
    Optional<Map<String, String>> settings(String key) {
        return value(key).map(v -> {
            if (!v.isObject()) {
                throw wrong(key, "an object of names to values, e.g. {\"max-bins\": 64}", v);
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode x = e.getValue();
                if (!x.isValueNode() || x.isNull()) {
                    throw new ApiException(400, "'" + key + "." + e.getKey() + "' must be a string, number or boolean");
                }
                out.put(e.getKey().trim(), x.asText().trim());
            }
            return out;
        });
    }

    private static ApiException wrong(String key, String what, JsonNode got) {
        String shown = got.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new ApiException(400, "'" + key + "' must be " + what + ", got " + shown);
    }
}
