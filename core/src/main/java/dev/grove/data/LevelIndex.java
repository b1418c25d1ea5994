package dev.grove.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Assigns codes to text levels in first-appearance order. */
final class LevelIndex {
    private static final int FEW = 16;

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

    /**
     * The code of cell {@code cell} of {@code record}. A label or category column has few levels:
     * those are compared in place, so a row costs no String.
     */
    int codeOf(CsvRecords record, int cell) {
        if (levels.size() <= FEW) {
            for (int i = 0; i < levels.size(); i++) {
                if (record.cellEquals(cell, levels.get(i))) {
                    return i;
                }
            }
        }
        return codeOf(record.get(cell));
    }

    List<String> levels() {
        return List.copyOf(levels);
    }

    int size() {
        return levels.size();
    }
}
