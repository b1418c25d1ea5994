package dev.grove.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks the levels of a categorical column by their class distribution on the training rows, so
 * that one ordered input can stand for the column ({@link CategoricalEncoding#ORDERED}).
 * <ul>
 *   <li>Each level's class proportions are shrunk towards the class prior by {@value #PSEUDO_ROWS}
 *       pseudo-row: {@code (n[level][c] + prior[c]) / (n[level] + 1)}. A level seen once is not
 *       ranked as a certainty at an end of the order, but near the prior, where an unseen level
 *       goes; with more rows it moves to where its own rows put it.</li>
 *   <li>Two classes: the score is the (shrunk) proportion of the second class, as ranger and
 *       Breiman's CART order levels for a binary response.</li>
 *   <li>More classes: the score is the projection of the proportions on the first principal
 *       component of their covariance, each level weighted by its rows (Coppersmith, Hong and
 *       Hosking 1999; what ranger does for multiclass {@code order}). The component's sign is
 *       fixed so that its largest entry (the first, on ties) is positive.</li>
 *   <li>Equal scores are ranked by level text, so the order does not depend on row order.</li>
 *   <li>A level training never saw gets the rank whose score is closest to the prior's (the
 *       lower rank on ties): with no rows of its own, the prior is all that is known of it.</li>
 * </ul>
 *
 * @param order    level indices (into the counts given) from lowest to highest score
 * @param unseen   the rank given to a level training never saw
 */
record LevelOrder(int[] order, int unseen) {
    /** Weight of the class prior in each level's proportions, in rows. */
    static final double PSEUDO_ROWS = 1;

    /**
     * @param counts training rows per level and class, {@code [level][class]}
     * @param texts  each level's text, for ties
     */
    static LevelOrder of(int[][] counts, List<String> texts) {
        int levels = counts.length;
        int k = levels == 0 ? 0 : counts[0].length;
        double[] prior = new double[k];
        double total = 0;
        for (int[] row : counts) {
            for (int c = 0; c < k; c++) {
                prior[c] += row[c];
                total += row[c];
            }
        }
        for (int c = 0; c < k; c++) {
            prior[c] = total > 0 ? prior[c] / total : 1.0 / k;
        }
        double[][] p = new double[levels][k];
        double[] weight = new double[levels];
        for (int l = 0; l < levels; l++) {
            for (int c = 0; c < k; c++) {
                weight[l] += counts[l][c];
            }
            for (int c = 0; c < k; c++) {
                p[l][c] = (counts[l][c] + PSEUDO_ROWS * prior[c]) / (weight[l] + PSEUDO_ROWS);
            }
        }
        double[] axis = new double[k];
        if (k == 2) {
            axis[1] = 1;
        } else if (k > 2) {
            axis = firstComponent(p, weight, k);
        }
        double[] score = new double[levels];
        for (int l = 0; l < levels; l++) {
            score[l] = dot(p[l], axis);
        }
        Integer[] byScore = new Integer[levels];
        Arrays.setAll(byScore, l -> l);
        Arrays.sort(byScore, Comparator.<Integer>comparingDouble(l -> score[l]).thenComparing(texts::get));
        int[] order = Arrays.stream(byScore).mapToInt(Integer::intValue).toArray();
        double priorScore = dot(prior, axis);
        int unseen = 0;
        for (int r = 1; r < levels; r++) {
            if (Math.abs(score[order[r]] - priorScore) < Math.abs(score[order[unseen]] - priorScore)) {
                unseen = r;
            }
        }
        return new LevelOrder(order, unseen);
    }

    /** Each level's rank: the inverse of {@link #order()}. */
    int[] ranks() {
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    /** First eigenvector of the row-weighted covariance of the proportion vectors (Jacobi rotations). */
    private static double[] firstComponent(double[][] p, double[] weight, int k) {
        double w = Arrays.stream(weight).sum();
        double[] mean = new double[k];
        for (int l = 0; l < p.length; l++) {
            for (int c = 0; c < k; c++) {
                mean[c] += weight[l] * p[l][c] / w;
            }
        }
        double[][] a = new double[k][k];
        for (int l = 0; l < p.length; l++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    a[i][j] += weight[l] * (p[l][i] - mean[i]) * (p[l][j] - mean[j]) / w;
                }
            }
        }
        double[][] v = new double[k][k];
        for (int i = 0; i < k; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    if (a[i][j] == 0) {
                        continue;
                    }
                    double theta = (a[j][j] - a[i][i]) / (2 * a[i][j]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double cos = 1 / Math.sqrt(t * t + 1);
                    double sin = t * cos;
                    for (int m = 0; m < k; m++) { // a = a·R
                        double x = a[m][i];
                        double y = a[m][j];
                        a[m][i] = cos * x - sin * y;
                        a[m][j] = sin * x + cos * y;
                    }
                    for (int m = 0; m < k; m++) { // a = Rᵀ·a
                        double x = a[i][m];
                        double y = a[j][m];
                        a[i][m] = cos * x - sin * y;
                        a[j][m] = sin * x + cos * y;
                    }
                    for (int m = 0; m < k; m++) {
                        double x = v[m][i];
                        double y = v[m][j];
                        v[m][i] = cos * x - sin * y;
                        v[m][j] = sin * x + cos * y;
                    }
                }
            }
        }
        int top = 0;
        for (int i = 1; i < k; i++) {
            if (a[i][i] > a[top][top]) {
                top = i;
            }
        }
        double[] axis = new double[k];
        int largest = 0;
        for (int c = 0; c < k; c++) {
            axis[c] = v[c][top];
            if (Math.abs(axis[c]) > Math.abs(axis[largest])) {
                largest = c;
            }
        }
        if (axis[largest] < 0) {
            for (int c = 0; c < k; c++) {
                axis[c] = -axis[c];
            }
        }
        return axis;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
