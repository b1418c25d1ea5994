package dev.grove.train;

import dev.grove.InvalidDataException;
import dev.grove.data.CategoricalColumn;
import dev.grove.data.Column;
import dev.grove.data.ColumnType;
import dev.grove.data.Dataset;
import dev.grove.internal.MissingColumnsException;
import dev.grove.data.NumericColumn;
import dev.grove.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping from raw columns to model inputs, fixed on the training split and stored with the
 * model, so prediction maps raw values exactly as training did. Shared by every trainer so that
 * missing values and unseen levels are handled the same whichever forest is used:
 * <ul>
 *   <li>numeric: the value itself; missing → the training median;</li>
 *   <li>categorical, unordered levels ({@link CategoricalEncoding#LEVELS}): the index of the level
 *       among those seen in training (in the data's first-appearance order); missing → a
 *       {@value #MISSING_LEVEL} level when training had missing cells, else the most frequent
 *       level; a level training never saw → the most frequent training level. Each trainer
 *       splits the code its library's way (smile: one level against the rest; tribuo: one-hot);</li>
 *   <li>categorical, ranked levels ({@link CategoricalEncoding#ORDERED}, and {@code AUTO} above
 *       {@value CategoricalEncoding#AUTO_THRESHOLD} levels): the level's rank by its class
 *       distribution on the training rows ({@link LevelOrder}: the share of the second class for two
 *       classes, the first principal component for more, shrunk towards the prior by one row;
 *       ties by level text), one ordinary ordered input that every trainer splits like a number;
 *       missing → the rank of the {@value #MISSING_LEVEL} level, ranked like any other, when
 *       training had missing cells, else the rank of the most frequent level; a level training
 *       never saw → the rank whose score is closest to the class prior's (no evidence of its own);
 *       a level seen rarely sits near that rank too, as the shrinkage pulls it towards the prior.
 *       {@link FeatureSpec#ordered()} marks such features in the model file.</li>
 * </ul>
 */
public record FeatureEncoding(List<FeatureSpec> features) {
    public static final String MISSING_LEVEL = "__MISSING__";

    public FeatureEncoding {
        features = List.copyOf(features);
    }

    /** Fixes the encoding on the training rows, with {@link CategoricalEncoding#AUTO}. */
    public static FeatureEncoding fit(Dataset train) {
        return fit(train, CategoricalEncoding.AUTO);
    }

    /** Fixes the encoding on the training rows, with the {@value CategoricalEncoding#KEY} of {@code params}. */
    public static FeatureEncoding fit(Dataset train, TrainingParams params) {
        return fit(train, CategoricalEncoding.of(params));
    }

    /** Fixes the encoding on the training rows; {@code categorical} decides which columns get ranked levels. */
    public static FeatureEncoding fit(Dataset train, CategoricalEncoding categorical) {
        List<FeatureSpec> specs = new ArrayList<>();
        for (Column c : train.features().columns()) {
            specs.add(c instanceof NumericColumn n ? numeric(n)
                    : categorical((CategoricalColumn) c, train.labels(), train.classes().size(), categorical));
        }
        return new FeatureEncoding(specs);
    }

    private static FeatureSpec numeric(NumericColumn c) {
        double[] v = new double[c.size() - c.missingCount()];
        int k = 0;
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                v[k++] = c.get(i);
            }
        }
        double median = 0;
        if (k > 0) {
            Arrays.sort(v);
            median = k % 2 == 1 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
        }
        return new FeatureSpec(c.name(), ColumnType.NUMERIC, List.of(), median, median);
    }

    private static FeatureSpec categorical(CategoricalColumn c, int[] labels, int classes, CategoricalEncoding how) {
        int[] counts = new int[c.levels().size()];
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                counts[c.code(i)]++;
            }
        }
        int seen = (int) Arrays.stream(counts).filter(n -> n > 0).count();
        if (how.orders(seen)) {
            return ranked(c, counts, labels, classes);
        }
        List<String> levels = new ArrayList<>();
        int mostFrequent = 0;
        int best = -1;
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0) {
                if (counts[code] > best) {
                    best = counts[code];
                    mostFrequent = levels.size();
                }
                levels.add(c.levels().get(code));
            }
        }
        double fill = mostFrequent;
        if (c.missingCount() > 0 || levels.isEmpty()) {
            fill = levels.size();
            levels.add(MISSING_LEVEL);
        }
        return new FeatureSpec(c.name(), ColumnType.CATEGORICAL, levels, fill, mostFrequent);
    }

    /** Levels in rank order of their class distribution ({@link LevelOrder}); see the class comment. */
    private static FeatureSpec ranked(CategoricalColumn c, int[] counts, int[] labels, int classes) {
        int[] index = new int[counts.length]; // column code → training level, -1 when unseen in training
        List<String> texts = new ArrayList<>();
        int mostFrequent = -1; // a code; the first of the most frequent, as for unordered levels
        for (int code = 0; code < counts.length; code++) {
            index[code] = -1;
            if (counts[code] > 0) {
                if (mostFrequent < 0 || counts[code] > counts[mostFrequent]) {
                    mostFrequent = code;
                }
                index[code] = texts.size();
                texts.add(c.levels().get(code));
            }
        }
        boolean missing = c.missingCount() > 0 || texts.isEmpty();
        if (missing) {
            texts.add(MISSING_LEVEL);
        }
        int[][] byClass = new int[texts.size()][classes];
        for (int i = 0; i < c.size(); i++) {
            byClass[c.isMissing(i) ? texts.size() - 1 : index[c.code(i)]][labels[i]]++;
        }
        LevelOrder order = LevelOrder.of(byClass, texts);
        int[] rank = order.ranks();
        List<String> levels = Arrays.stream(order.order()).mapToObj(texts::get).toList();
        int fill = missing ? rank[texts.size() - 1] : rank[index[mostFrequent]];
        return new FeatureSpec(c.name(), ColumnType.CATEGORICAL, levels, fill, order.unseen(), true);
    }

    public int size() {
        return features.size();
    }

    public List<String> names() {
        return features.stream().map(FeatureSpec::name).toList();
    }

    /** Each feature's name and type, in model order. */
    public Map<String, ColumnType> types() {
        Map<String, ColumnType> m = new java.util.LinkedHashMap<>();
        features.forEach(f -> m.put(f.name(), f.type()));
        return m;
    }

    /** Names of the categorical features, e.g. to read a CSV for prediction with the same types. */
    public List<String> categoricalNames() {
        return features.stream().filter(f -> f.type() == ColumnType.CATEGORICAL).map(FeatureSpec::name).toList();
    }

    /** Model values of feature {@code j} for every row of {@code table} (column-major access). */
    public double[] encodeColumn(Table table, int j) {
        FeatureSpec spec = features.get(j);
        Column col = table.column(spec.name()).orElseThrow(() -> missingColumns(table));
        double[] out = new double[table.rowCount()];
        if (spec.type() == ColumnType.NUMERIC) {
            if (!(col instanceof NumericColumn n)) {
                throw new InvalidDataException("column '" + spec.name() + "' holds text, but the model was trained on "
                        + "numbers in it; give that column numeric values");
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = n.isMissing(i) ? spec.fill() : n.get(i);
            }
            return out;
        }
        if (!(col instanceof CategoricalColumn c)) {
            throw new InvalidDataException("column '" + spec.name() + "' was read as numbers, but the model treats it "
                    + "as categories; read it as categorical (CsvOptions.withCategorical)");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < spec.levels().size(); i++) {
            index.put(spec.levels().get(i), i);
        }
        double[] byCode = new double[c.levels().size()];
        for (int code = 0; code < byCode.length; code++) {
            Integer v = index.get(c.levels().get(code));
            byCode[code] = v == null || c.levels().get(code).equals(MISSING_LEVEL) ? spec.unseen() : v;
        }
        for (int i = 0; i < out.length; i++) {
            int code = c.code(i);
            out[i] = code == CategoricalColumn.MISSING ? spec.fill() : byCode[code];
        }
        return out;
    }

    /**
     * Model values of every feature as features × rows (column-major), after checking that
     * {@code table} has every feature: what a forest's batch prediction reads.
     */
    public double[][] encodeColumns(Table table) {
        requireColumns(table);
        double[][] x = new double[features.size()][];
        for (int j = 0; j < x.length; j++) {
            x[j] = encodeColumn(table, j);
        }
        return x;
    }

    /** Model values as rows × features. */
    public double[][] encodeRows(Table table) {
        double[][] rows = new double[table.rowCount()][features.size()];
        for (int j = 0; j < features.size(); j++) {
            double[] col = encodeColumn(table, j);
            for (int i = 0; i < col.length; i++) {
                rows[i][j] = col[i];
            }
        }
        return rows;
    }

    /** Fails with the list of features the table lacks, if any. */
    public void requireColumns(Table table) {
        if (features.stream().anyMatch(f -> table.column(f.name()).isEmpty())) {
            throw missingColumns(table);
        }
    }

    private MissingColumnsException missingColumns(Table table) {
        List<String> absent = names().stream().filter(n -> table.column(n).isEmpty()).toList();
        return new MissingColumnsException(table.source().path(), absent, table.columnNames());
    }
}
