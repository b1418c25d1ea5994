package dev.grove.testing;

import dev.grove.data.CategoricalColumn;
import dev.grove.data.Column;
import dev.grove.data.NumericColumn;
import dev.grove.data.Table;
import java.util.HashMap;
import java.util.Map;

/** Rows of a table as maps of raw values, the way an app hands one row to a live model. */
public final class MapRows {
    private MapRows() {
    }

    /** Row {@code i} of {@code rows}: each column's value, null where the cell is missing. */
    public static Map<String, Object> of(Table rows, int i) {
        Map<String, Object> row = new HashMap<>();
        for (Column c : rows.columns()) {
            Object v = c instanceof NumericColumn n
                    ? (n.isMissing(i) ? null : (Object) n.get(i))
                    : ((CategoricalColumn) c).level(i).orElse(null);
            row.put(c.name(), v);
        }
        return row;
    }
}
