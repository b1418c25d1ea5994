package dev.grove.internal;

import dev.grove.data.Dataset;

import java.util.Arrays;

/**
 * The {@code portable-stratified-v1} split: the very rows the scikit-learn, ranger and Weka peer
 * scripts pick, so metrics compare row for row. A Park–Miller MINSTD stream shuffles each class
 * (in first-appearance order, the stream not reset between classes) with a Fisher–Yates walk from
 * the top; the first {@code min(floor(k*split + 0.5), k-1)} rows of each class are the test rows.
 */
public final class PortableStratifiedSplit {
    public static final String NAME = "portable-stratified-v1";

    private static final long M = 2_147_483_647L;
    private static final long A = 48_271L;

    private PortableStratifiedSplit() {
    }

    /**
     * @param labels       class code per row; codes must be in first-appearance order (0 first, then 1…)
     * @param classes      number of classes
     * @param testFraction fraction of each class held out, in (0, 1)
     * @param seed         any long; equal seeds give equal splits on every machine
     */
    public static Split split(int[] labels, int classes, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        int[][] byClass = Dataset.rowsByClass(labels, classes);
        long x = Math.floorMod(seed, M - 1) + 1;
        int[] test = new int[labels.length];
        int[] train = new int[labels.length];
        int nTest = 0;
        int nTrain = 0;
        for (int[] idx : byClass) {
            int k = idx.length;
            for (int t = k - 1; t >= 1; t--) {
                x = (A * x) % M;
                int j = (int) (x % (t + 1));
                int tmp = idx[t];
                idx[t] = idx[j];
                idx[j] = tmp;
            }
            int classTest = Math.max(0, Math.min((int) Math.floor(k * testFraction + 0.5), k - 1));
            for (int i = 0; i < k; i++) {
                if (i < classTest) {
                    test[nTest++] = idx[i];
                } else {
                    train[nTrain++] = idx[i];
                }
            }
        }
        int[] trainRows = Arrays.copyOf(train, nTrain);
        int[] testRows = Arrays.copyOf(test, nTest);
        Arrays.sort(trainRows);
        Arrays.sort(testRows);
        return new Split(trainRows, testRows);
    }

}
