package dev.grove.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
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

    /** Counts made elsewhere (a Spark trainer's) score exactly as the rows they count: every metric, bit for bit. */
    @Test
    void fromConfusionScoresExactlyAsTheRowsItCounts() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int round = 0; round < 500; round++) {
            int k = 2 + rng.nextInt(5);
            List<String> classes = java.util.stream.IntStream.range(0, k).mapToObj(c -> "c" + c).toList();
            int n = rng.nextInt(300); // includes empty test sets and classes absent from truth or predictions
            int[] truth = new int[n];
            int[] predicted = new int[n];
            long[][] counts = new long[k][k];
            for (int i = 0; i < n; i++) {
                truth[i] = rng.nextInt(k - (round % 3 == 0 ? 1 : 0)); // a third of the rounds lack a true class
                predicted[i] = rng.nextInt(10) < 6 ? truth[i] : rng.nextInt(k);
                counts[truth[i]][predicted[i]]++;
            }
            Evaluation rows = Evaluator.evaluate(classes, truth, predicted);
            Evaluation fromCounts = Evaluator.fromConfusion(classes, counts);
            assertEquals(rows.accuracy(), fromCounts.accuracy());
            assertEquals(rows.precisionWeighted(), fromCounts.precisionWeighted());
            assertEquals(rows.recallWeighted(), fromCounts.recallWeighted());
            assertEquals(rows.f1Weighted(), fromCounts.f1Weighted());
            assertEquals(rows.precisionMacro(), fromCounts.precisionMacro());
            assertEquals(rows.recallMacro(), fromCounts.recallMacro());
            assertEquals(rows.f1Macro(), fromCounts.f1Macro());
            assertEquals(rows.perClass(), fromCounts.perClass());
            assertEquals(rows.samples(), fromCounts.samples());
            assertArrayEquals(rows.confusion(), fromCounts.confusion());
        }
    }

    @Test
    void fromConfusionRefusesAMatrixThatIsNotClassesByClasses() {
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.fromConfusion(List.of("A", "B", "C"), new long[][] {{1, 0, 0}, {0, 1, 0}}));
        assertTrue(rows.getMessage().contains("needs 3 rows, got 2"), rows.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.fromConfusion(List.of("A", "B"), new long[][] {{1, 0}, {0}}));
        assertTrue(ragged.getMessage().contains("row 1"), ragged.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.fromConfusion(List.of("A", "B"), new long[][] {{1, -1}, {0, 1}}));
        assertTrue(negative.getMessage().contains("cannot be negative"), negative.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.fromConfusion(List.of("A", "B"), new long[][] {{Integer.MAX_VALUE, 1}, {0, 0}}));
        assertTrue(tooMany.getMessage().contains("smaller test split"), tooMany.getMessage());
    }
}
