package dev.grove.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Notices columns of numbers written with a decimal comma ({@code 5,1}) in a file read with a
 * decimal point: each such column silently became categorical, one level per distinct value,
 * which trains a far worse forest and says nothing. Looks at levels only, never at rows.
 */
final class DecimalCommaCheck {
    private DecimalCommaCheck() {
    }

    /** A warning per categorical column (not asked for as categorical) whose every level is a decimal-comma number. */
    static List<DataWarning> warnings(List<Column> columns, CsvOptions options) {
        List<DataWarning> found = new ArrayList<>();
        if (options.decimal() != '.') {
            return found;
        }
        for (Column c : columns) {
            if (c instanceof CategoricalColumn cat && !options.categorical().contains(c.name())
                    && allDecimalCommaNumbers(cat.levels())) {
                String example = cat.levels().stream().filter(l -> l.indexOf(',') >= 0).findFirst().orElseThrow();
                found.add(new DataWarning(c.name(), "column '" + c.name() + "' holds numbers written with a decimal "
                        + "comma (e.g. '" + example + "'), so it was read as " + cat.levels().size() + " categories; "
                        + "if they are numbers, read the file with ',' as the decimal separator"));
            }
        }
        return found;
    }

    private static boolean allDecimalCommaNumbers(List<String> levels) {
        boolean comma = false;
        for (String level : levels) {
            if (Double.isNaN(NumberSyntax.parseDecimal(level, ','))) {
                return false;
            }
            comma |= level.indexOf(',') >= 0;
        }
        return comma;
    }
}
