package dev.grove.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices feature columns that look like identifiers (a row number, a customer id, an e-mail): a
 * distinct value on almost every row. A forest can only memorise such a column, which does not
 * carry over to new rows, yet it is trained on without a word; so it is named, not refused.
 * <ul>
 *   <li>categorical: distinct values on at least {@value #DISTINCT_SHARE} of the non-missing rows;</li>
 *   <li>numeric: whole numbers only, each on a single row (measurements of many rows are often all
 *       distinct, whole-number ones rarely);</li>
 *   <li>only with at least {@value #MIN_ROWS} non-missing rows, where a coincidence is unlikely.</li>
 * </ul>
 */
final class IdentifierCheck {
    private static final Logger LOG = LoggerFactory.getLogger(IdentifierCheck.class);
    static final double DISTINCT_SHARE = 0.95;
    static final int MIN_ROWS = 50;

    private IdentifierCheck() {
    }

    /** A warning (also logged) per feature column of {@code features} that looks like an identifier. */
    static List<DataWarning> warnings(Table features) {
        List<DataWarning> found = new ArrayList<>();
        for (Column c : features.columns()) {
            int rows = c.size() - c.missingCount();
            if (rows < MIN_ROWS) {
                continue;
            }
            int distinct = c instanceof CategoricalColumn cat ? cat.levelsPresent() : wholeDistinct((NumericColumn) c);
            boolean looksLikeId = c instanceof CategoricalColumn ? distinct >= DISTINCT_SHARE * rows : distinct == rows;
            if (looksLikeId) {
                DataWarning w = new DataWarning(c.name(), "column '" + c.name() + "' looks like an identifier ("
                        + distinct + " distinct values in " + rows + " rows): a forest can only memorise it; if it "
                        + "identifies rows, leave it out (grove train --exclude " + c.name() + ")");
                LOG.warn("{}", w.message());
                found.add(w);
            }
        }
        return found;
    }


    /** Distinct values when every value is a whole number, else -1. */
    private static int wholeDistinct(NumericColumn c) {
        double[] v = new double[c.size() - c.missingCount()];
        int k = 0;
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                double x = c.get(i);
                if (x != Math.rint(x) || Double.isInfinite(x)) {
                    return -1;
                }
                v[k++] = x;
            }
        }
        Arrays.sort(v);
        int n = k == 0 ? 0 : 1;
        for (int i = 1; i < k; i++) {
            if (v[i] != v[i - 1]) {
                n++;
            }
        }
        return n;
    }
}
