package dev.grove.tribuo;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Dataset;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;

/**
 * The training inputs as small integer codes: for each input, the rank of every row's value among
 * that input's distinct values. Built once per fit and shared read-only by every tree, so a
 * {@link HistogramTrainingNode} finds a split by counting codes instead of walking Tribuo's sorted
 * per-value row lists. The training examples read their values from here too ({@link ColumnExample}),
 * so the inputs are held once, as codes.
 */
final class InputCodes implements InputColumns {
    /**
     * Most distinct values an input may have. Binned inputs have at most {@code max-bins}; beyond
     * this (exact values on continuous data) a histogram scan costs more than it saves, and
     * Tribuo's own node is used instead.
     */
    static final int MAX_DISTINCT = 1024;

    private final char[][] codes;   // [input][row]
    private final double[][] values; // [input][code], ascending

    private InputCodes(char[][] codes, double[][] values) {
        this.codes = codes;
        this.values = values;
    }

    /**
     * Codes for the rows whose row {@code r} has inputs {@code x[i][r]}; empty when some input
     * has more than {@link #MAX_DISTINCT} distinct values.
     */
    static Optional<InputCodes> of(double[][] x) {
        char[][] codes = new char[x.length][];
        double[][] values = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] sorted = x[i].clone();
            Arrays.sort(sorted);
            int distinct = 0;
            for (int r = 0; r < sorted.length; r++) {
                if (r == 0 || Double.compare(sorted[r], sorted[distinct - 1]) != 0) {
                    if (distinct == MAX_DISTINCT) {
                        return Optional.empty();
                    }
                    sorted[distinct++] = sorted[r];
                }
            }
            values[i] = Arrays.copyOf(sorted, distinct);
            codes[i] = new char[x[i].length];
            for (int r = 0; r < x[i].length; r++) {
                codes[i][r] = (char) Arrays.binarySearch(values[i], x[i][r]);
            }
        }
        return Optional.of(new InputCodes(codes, values));
    }

    @Override
    public double at(int input, int row) {
        return values[input][codes[input][row]];
    }

    int inputs() {
        return codes.length;
    }

    /** The value that code {@code c} of input {@code i} stands for. */
    double value(int i, int c) {
        return values[i][c];
    }

    /** Number of distinct values of input {@code i}. */
    int distinct(int i) {
        return values[i].length;
    }

    /**
     * The sample one tree trains on, when {@code examples} are {@link ColumnExample}s over these codes
     * (the training dataset or Tribuo's bootstrap view of it); empty for any other dataset.
     */
    Optional<Bag> bagOf(Dataset<Label> examples) {
        return bagOf(examples, Optional.empty());
    }

    /**
     * As {@link #bagOf(Dataset)}, taking over the arrays of {@code finished}, a bag of these codes whose
     * tree is grown, when it has the same size: a bag is tens of megabytes at a million rows, and lives
     * long enough to be promoted, so a new one per tree grows the old generation with garbage.
     */
    Optional<Bag> bagOf(Dataset<Label> examples, Optional<Bag> finished) {
        // Tribuo numbers features by name; the coded inputs must be exactly those ids.
        if (examples.getFeatureIDMap().size() != codes.length) {
            return Optional.empty();
        }
        for (int i = 0; i < codes.length; i++) {
            if (examples.getFeatureIDMap().getID(InputSpace.inputName(i)) != i) {
                return Optional.empty();
            }
        }
        ImmutableOutputInfo<Label> outputs = examples.getOutputIDInfo();
        int n = examples.size();
        Optional<Bag> reuse = finished.filter(b -> b.codes == this && b.size() == n && b.classes == outputs.size());
        int[] rows = new int[n];
        int[] label = reuse.isPresent() ? reuse.get().label : new int[n];
        float[] weight = reuse.isPresent() ? reuse.get().weight : new float[n];
        for (int q = 0; q < n; q++) {
            if (!(examples.getExample(q) instanceof ColumnExample e) || e.columns() != this) {
                return Optional.empty(); // rows of some other data
            }
            rows[q] = e.row();
            label[q] = outputs.getID(e.getOutput());
            weight[q] = e.getWeight();
        }
        char[][] bagCodes = reuse.isPresent() ? reuse.get().code : new char[codes.length][n];
        for (int i = 0; i < codes.length; i++) {
            char[] all = codes[i];
            char[] mine = bagCodes[i];
            for (int q = 0; q < n; q++) {
                mine[q] = all[rows[q]];
            }
        }
        return Optional.of(new Bag(this, bagCodes, label, weight, outputs, reuse));
    }

    /**
     * One tree's sample: codes, labels and weights by sample position, and the positions
     * themselves, which the tree's nodes partition in place (each node owns a contiguous range).
     */
    static final class Bag {
        final InputCodes codes;
        final char[][] code;  // [input][position]
        final int[] label;
        final float[] weight;
        final int[] positions;
        final ImmutableOutputInfo<Label> outputs;
        final int classes;
        // scratch for the node being split; nodes of one tree are split one at a time
        final float[] histogram;
        final int[] present;
        final int[] partition;
        /** Per class, the distribution of a pure leaf of this tree, once one is made (see {@link HistogramTrainingNode}). */
        final Map<String, Label>[] pureDistributions;

        /** @param reuse a finished bag of the same size and classes, whose scratch arrays this one takes over */
        private Bag(InputCodes codes, char[][] code, int[] label, float[] weight, ImmutableOutputInfo<Label> outputs,
                    Optional<Bag> reuse) {
            this.codes = codes;
            this.code = code;
            this.label = label;
            this.weight = weight;
            this.outputs = outputs;
            this.classes = outputs.size();
            if (reuse.isPresent()) {
                this.positions = reuse.get().positions;
                this.histogram = reuse.get().histogram;
                this.present = reuse.get().present;
                this.partition = reuse.get().partition;
                Arrays.fill(histogram, 0f); // zero after every scan, unless a tree failed midway
                Arrays.fill(present, 0);
            } else {
                this.positions = new int[label.length];
                int widest = 0;
                for (int i = 0; i < codes.inputs(); i++) {
                    widest = Math.max(widest, codes.distinct(i));
                }
                this.histogram = new float[widest * classes];
                this.present = new int[widest];
                this.partition = new int[label.length];
            }
            Arrays.setAll(positions, q -> q);
            @SuppressWarnings("unchecked")
            Map<String, Label>[] pure = new Map[classes];
            this.pureDistributions = pure;
        }

        int size() {
            return label.length;
        }
    }
}
