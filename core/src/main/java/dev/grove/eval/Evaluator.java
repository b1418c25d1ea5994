package dev.grove.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores predictions against the truth. Lives in core so every trainer is scored the same way:
 * from rows ({@link #evaluate}) or, for a trainer that scores where the data lives, from the
 * confusion matrix it counted ({@link #fromConfusion}); both go through one computation, so equal
 * counts give equal metrics whichever way they arrived.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * @param classes   class names; codes index this list
     * @param truth     true class code per row
     * @param predicted predicted class code per row
     */
    public static Evaluation evaluate(List<String> classes, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        }
        int k = classes.size();
        int[][] confusion = new int[k][k];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
        }
        return score(classes, confusion);
    }

    /**
     * Scores counts made elsewhere (e.g. by Spark on a cluster), exactly as {@link #evaluate} scores
     * the rows they count.
     *
     * @param classes   class names; the matrix's rows and columns index this list
     * @param confusion test rows by [true class][predicted class]
     * @throws IllegalArgumentException when the matrix is not classes × classes, has a negative
     *                                  count, or counts more rows than a run can record
     */
    public static Evaluation fromConfusion(List<String> classes, long[][] confusion) {
        int k = classes.size();
        if (confusion.length != k) {
            throw new IllegalArgumentException("a confusion matrix over " + k + " classes needs " + k + " rows, got "
                    + confusion.length);
        }
        int[][] counts = new int[k][k];
        long total = 0;
        for (int t = 0; t < k; t++) {
            if (confusion[t].length != k) {
                throw new IllegalArgumentException("row " + t + " of the confusion matrix has " + confusion[t].length
                        + " counts; it needs one per class (" + k + ")");
            }
            for (int p = 0; p < k; p++) {
                long n = confusion[t][p];
                if (n < 0) {
                    throw new IllegalArgumentException("the confusion matrix counts " + n + " rows of true class '"
                            + classes.get(t) + "' predicted '" + classes.get(p) + "'; counts cannot be negative");
                }
                total += n;
                counts[t][p] = (int) n;
            }
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the confusion matrix counts " + total + " test rows; an evaluation "
                    + "records at most " + Integer.MAX_VALUE + ": hold out a smaller test split");
        }
        return score(classes, counts);
    }

    /** The metrics of a confusion matrix (the one computation behind both entry points). */
    private static Evaluation score(List<String> classes, int[][] confusion) {
        int k = classes.size();
        int n = 0;
        int correct = 0;
        for (int t = 0; t < k; t++) {
            correct += confusion[t][t];
            for (int p = 0; p < k; p++) {
                n += confusion[t][p];
            }
        }
        List<ClassMetrics> per = new ArrayList<>(k);
        double pw = 0;
        double rw = 0;
        double fw = 0;
        double pm = 0;
        double rm = 0;
        double fm = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int support = 0;
            int predictedC = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                predictedC += confusion[j][c];
            }
            double p = predictedC == 0 ? 0 : (double) tp / predictedC;
            double r = support == 0 ? 0 : (double) tp / support;
            double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            per.add(new ClassMetrics(classes.get(c), p, r, f, support));
            double w = n == 0 ? 0 : (double) support / n;
            pw += w * p;
            rw += w * r;
            fw += w * f;
            if (support > 0 || predictedC > 0) {
                // scikit-learn's macro average only counts labels seen in the truth or the predictions
                present++;
                pm += p;
                rm += r;
                fm += f;
            }
        }
        if (present > 0) {
            pm /= present;
            rm /= present;
            fm /= present;
        }
        double accuracy = n == 0 ? 0 : (double) correct / n;
        return new Evaluation(classes, n, accuracy, pw, rw, fw, pm, rm, fm, per, confusion);
    }
}
