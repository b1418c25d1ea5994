package dev.grove.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected values computed by scikit-learn 1.2.1:
 * <pre>
 * t=[0,0,0,1,1,1,1,2,2,2,0,1,3,3]; p=[0,1,0,1,1,2,1,2,0,2,0,1,0,2]
 * accuracy_score(t,p); precision_recall_fscore_support(t,p,average=…,zero_division=0)
 * precision_recall_fscore_support(t,p,labels=[0,1,2,3],zero_division=0); confusion_matrix(t,p)
 * </pre>
 */
class EvaluatorTest {
    private static final double EPS = 1e-12;
    private static final List<String> CLASSES = List.of("A", "B", "C", "D");
    private static final int[] TRUTH = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 0, 1, 3, 3};
    private static final int[] PREDICTED = {0, 1, 0, 1, 1, 2, 1, 2, 0, 2, 0, 1, 0, 2};

    @Test
    void matchesScikitLearn() {
        Evaluation e = Evaluator.evaluate(CLASSES, TRUTH, PREDICTED);
        assertEquals(0.6428571428571429, e.accuracy(), EPS);
        assertEquals(0.5642857142857143, e.precisionWeighted(), EPS);
        assertEquals(0.6428571428571429, e.recallWeighted(), EPS);
        assertEquals(0.5986394557823129, e.f1Weighted(), EPS);
        assertEquals(0.475, e.precisionMacro(), EPS);
        assertEquals(0.5541666666666667, e.recallMacro(), EPS);
        assertEquals(0.5095238095238096, e.f1Macro(), EPS);
        double[] p = {0.6, 0.8, 0.5, 0.0};
        double[] r = {0.75, 0.8, 0.6666666666666666, 0.0};
        double[] f = {0.6666666666666665, 0.8000000000000002, 0.5714285714285715, 0.0};
        int[] support = {4, 5, 3, 2};
        for (int c = 0; c < 4; c++) {
            ClassMetrics m = e.perClass().get(c);
            assertEquals(CLASSES.get(c), m.label());
            assertEquals(p[c], m.precision(), EPS);
            assertEquals(r[c], m.recall(), EPS);
            assertEquals(f[c], m.f1(), EPS);
            assertEquals(support[c], m.support());
        }
        assertArrayEquals(new int[][] {{3, 1, 0, 0}, {0, 4, 1, 0}, {1, 0, 2, 0}, {1, 0, 1, 0}}, e.confusion());
        assertEquals(14, e.samples());
    }

    @Test
    void macroCountsOnlyClassesSeenInTruthOrPredictions() {
        Evaluation e = Evaluator.evaluate(List.of("A", "B", "never"), new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 1});
        assertEquals(0.8333333333333333, e.precisionMacro(), EPS);
        assertEquals(0.75, e.recallMacro(), EPS);
        assertEquals(0.7333333333333334, e.f1Macro(), EPS);
    }
}
