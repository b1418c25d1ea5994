package dev.grove.eval;

import java.util.List;

/**
 * Scores of a model on held-out rows. Weighted averages weigh each class by its support, exactly
 * as scikit-learn's {@code average='weighted'} with {@code zero_division=0}; macro averages weigh
 * classes equally.
 *
 * @param confusion counts by [true class][predicted class], indexed like {@code classes}
 */
public record Evaluation(List<String> classes, int samples, double accuracy,
                         double precisionWeighted, double recallWeighted, double f1Weighted,
                         double precisionMacro, double recallMacro, double f1Macro,
                         List<ClassMetrics> perClass, int[][] confusion) {

    public Evaluation {
        classes = List.copyOf(classes);
        perClass = List.copyOf(perClass);
        confusion = deepCopy(confusion);
    }

    @Override
    public int[][] confusion() {
        return deepCopy(confusion);
    }

    private static int[][] deepCopy(int[][] m) {
        int[][] c = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
