package dev.grove.cli;

import dev.grove.data.RowChunk;
import dev.grove.train.Predictions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes {@code grove predict}'s output: each input row's cells as read, then its prediction
 * ({@code prediction}, and {@code proba_<class>} per class with probabilities), lines ending in
 * LF. Added columns never take a name the input already has: when one of them is taken, all of
 * them get the suffix {@code _2} (or {@code _3}, … the first that frees every name), so they
 * still read as one group.
 */
final class PredictionCsv {
    private final CSVPrinter out;
    private final char decimal;
    private final boolean proba;

    PredictionCsv(Appendable out, char delimiter, char decimal, List<String> header, List<String> classes,
                  boolean proba) throws IOException {
        this.out = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setRecordSeparator("\n").get());
        this.decimal = decimal;
        this.proba = proba;
        List<String> cells = new ArrayList<>(header);
        cells.addAll(addedNames(header, classes, proba));
        this.out.printRecord(cells);
    }

    /** The names of the added columns: as documented above. */
    static List<String> addedNames(List<String> header, List<String> classes, boolean proba) {
        List<String> names = new ArrayList<>();
        names.add("prediction");
        if (proba) {
            classes.forEach(c -> names.add("proba_" + c));
        }
        Set<String> taken = new HashSet<>(header);
        for (int n = 1; ; n++) {
            String suffix = n == 1 ? "" : "_" + n;
            List<String> named = names.stream().map(x -> x + suffix).toList();
            if (named.stream().noneMatch(taken::contains)) {
                return named;
            }
        }
    }

    /** Writes each row of {@code rows} with its prediction in {@code p}. */
    void write(RowChunk rows, Predictions p) throws IOException {
        for (int i = 0; i < rows.size(); i++) {
            List<String> cells = new ArrayList<>(rows.cells(i));
            cells.add(p.label(i));
            if (proba) {
                for (double v : p.probabilities()[i]) {
                    cells.add(decimal == '.' ? Double.toString(v) : Double.toString(v).replace('.', decimal));
                }
            }
            out.printRecord(cells);
        }
    }

    void flush() throws IOException {
        out.flush();
    }
}
