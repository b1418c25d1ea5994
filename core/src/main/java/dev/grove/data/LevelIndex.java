package dev.grove.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Assigns codes to text levels in first-appearance order. */
final class LevelIndex {
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> levels = new ArrayList<>();

    int codeOf(String level) {
        Integer code = codes.get(level);
        if (code == null) {
            code = levels.size();
            codes.put(level, code);
            levels.add(level);
        }
        return code;
    }

    List<String> levels() {
        return List.copyOf(levels);
    }

    int size() {
        return levels.size();
    }
}
