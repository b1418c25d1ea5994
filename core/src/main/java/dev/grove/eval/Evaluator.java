package dev.grove.eval;

import java.util.ArrayList;
import java.util.List;

/** Scores predictions against the truth. Lives in core so every trainer is scored the same way. */
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
        int n = truth.length;
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            confusion[truth[i]][predicted[i]]++;
            if (truth[i] == predicted[i]) {
                correct++;
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
