package dev.grove.cli;

import dev.grove.internal.GroveJson;
import java.util.Collection;
import java.util.Map;

/** How one recorded value is shown in a text table. */
final class Cells {
    private Cells() {
    }

    /** A value as one printable line (control characters escaped, see {@link Printable}). */
    static String text(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double d) {
            return String.format("%.4f", d);
        }
        if (v instanceof Map<?, ?> || v instanceof Collection<?> || v.getClass().isArray()) {
            return Printable.of(GroveJson.compact(v));
        }
        return Printable.of(v.toString());
    }

    /** {@code text} cut to {@code width} characters, marked with an ellipsis when cut. */
    static String fit(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
