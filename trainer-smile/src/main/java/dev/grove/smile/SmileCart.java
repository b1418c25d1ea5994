package dev.grove.smile;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.PriorityQueue;
import dev.grove.internal.forest.Workers;
import smile.base.cart.DecisionNode;
import smile.base.cart.SplitRule;
import smile.math.MathEx;

/**
 * Grows one classification tree the way Smile 3.1.1's {@code DecisionTree} does, split for split:
 * the same candidate cuts (only where the class changes between rows sorted by value), the same
 * gain arithmetic through Smile's {@link DecisionNode#impurity}, the same features drawn through
 * Smile's thread-local generator, the same best-first order and the same pruning and merging of
 * leaves. {@code SmileCartMatchesSmileTest} holds it to Smile's own forests, byte for byte,
 * wherever Smile's fit succeeds (it fails on some rare-class data Grove trains; see the README).
 *
 * <p>Why not Smile's class: it allocates a row-sized mask per split and filters and sorts through
 * streams, which made it slower than scikit-learn; the work here is the same with plain arrays,
 * reused from tree to tree. One instance per worker thread.
 *
 * <p>With binned data ({@code max-bins}) numeric splits are found by counting the node's rows per
 * bin instead ({@link #binnedSplit}): no sorted rows are kept, so a split partitions only the node's
 * rows, not every feature's order. Every cut between two non-empty bins is tried (Smile's scan tries
 * only where the class changes), and the cut's value is the bin's upper cut point. Everything else
 * (features drawn, gain, order of growth, pruning) is as above.
 */
final class SmileCart {
    private final CartData data;
    private final SplitRule rule;
    private final int maxDepth;
    private final int maxNodes;
    private final int nodeSize;
    private final int mtry;
    private final int p;
    private final int k;

    // scratch, reused by every tree this worker grows
    private final int[] index;     // the tree's rows; a node owns a range of it
    private final int[][] order;   // per numeric feature, the tree's rows by value; ranges as in index
    private final int[] buffer;
    private final boolean[] goesTrue;
    private final int[] trueCount;
    private final int[] falseCount;
    private int[] samples;         // this tree's bootstrap count per row
    // binned search only: per drawn feature (its slot), its counts over the node's rows
    private final int bins;           // most bins of any feature
    private final int[] histogram;    // [(slot * bins + bin) * k + class], weighted; all zero between nodes
    private final int[] binTotal;     // [slot * bins + bin], weighted; all zero between nodes
    private final int[] present;      // [slot * bins + q]: the bins the node's rows fall in, in the order first met
    private final int[] presentCount; // per slot
    // binned search only: the tree's rows as records in node order, partitioned with index (a node owns a range)
    private char[] rowBins;           // [position * p + feature]
    private int[] rowClass;
    private int[] rowCount;
    private final char[] swap;

    SmileCart(CartData data, SmileSettings s) {
        this.data = data;
        this.rule = s.splitRule();
        this.maxDepth = s.maxDepth();
        this.maxNodes = s.maxNodes();
        this.nodeSize = s.nodeSize();
        this.p = data.features();
        this.mtry = s.mtry() < 1 || s.mtry() > p ? p : s.mtry();
        this.k = data.classes();
        int n = data.rows();
        index = new int[n];
        order = new int[p][];
        for (int j = 0; j < p; j++) {
            order[j] = data.order()[j] == null ? null : new int[n];
        }
        int most = 0;
        for (int j = 0; data.binned() && j < p; j++) {
            most = data.nominal(j) ? most : Math.max(most, data.cuts()[j].length + 1);
        }
        bins = most;
        int slots = data.binned() ? mtry : 0;
        histogram = new int[slots * bins * k];
        binTotal = new int[slots * bins];
        present = new int[slots * bins];
        presentCount = new int[slots];
        rowBins = new char[0];
        rowClass = new int[0];
        rowCount = new int[0];
        swap = new char[p];
        // the exact search's partition scratch; the binned one partitions its records in place
        buffer = new int[data.binned() ? 0 : n];
        goesTrue = new boolean[data.binned() ? 0 : n];
        trueCount = new int[k];
        falseCount = new int[k];
    }

    /** A candidate split of a leaf, as Smile's {@code Split}. */
    private static final class Split {
        final CartNode leaf;
        final int feature;
        final boolean nominal;
        final double value;
        final double score;
        final int lo;
        final int hi;
        final int trueSize;
        final int falseSize;
        int bin;                    // binned numeric splits: the last bin on the true side
        boolean[] unsplittable;
        int depth = 1;

        Split(CartNode leaf, int feature, boolean nominal, double value, double score, int lo, int hi, int trueSize,
              int falseSize) {
            this.leaf = leaf;
            this.feature = feature;
            this.nominal = nominal;
            this.value = value;
            this.score = score;
            this.lo = lo;
            this.hi = hi;
            this.trueSize = trueSize;
            this.falseSize = falseSize;
        }
    }

    /**
     * Grows a tree on the rows with a positive count in {@code samples}, each weighing its count.
     * Draws from Smile's thread-local generator, which the caller seeds.
     */
    CartNode grow(int[] samples) {
        this.samples = samples;
        int n = samples.length;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (samples[i] > 0) {
                index[m++] = i;
            }
        }
        for (int j = 0; j < p; j++) {
            int[] all = data.order()[j];
            if (all != null) {
                int[] mine = order[j];
                int c = 0;
                for (int o : all) {
                    if (samples[o] > 0) {
                        mine[c++] = o;
                    }
                }
            }
        }
        int[] count = new int[k];
        int[] y = data.y();
        for (int i = 0; i < n; i++) {
            count[y[i]] += samples[i];
        }
        if (data.binned()) {
            gatherRecords(m);
        }
        CartNode root = CartNode.leaf(count);
        Split first = findBestSplit(root, 0, m, new boolean[p]);
        if (first != null) {
            if (maxNodes == Integer.MAX_VALUE) {
                growDepthFirst(first);
            } else {
                growBestFirst(first);
            }
        }
        this.samples = null;
        return CartNode.merge(root);
    }

    private void growDepthFirst(Split first) {
        Deque<Split> pending = new ArrayDeque<>();
        pending.push(first);
        while (!pending.isEmpty()) {
            Split[] children = split(pending.pop());
            if (children != null) {
                // the true branch's whole subtree before the false branch, as Smile's recursion
                if (children[1] != null) {
                    pending.push(children[1]);
                }
                if (children[0] != null) {
                    pending.push(children[0]);
                }
            }
        }
    }

    private void growBestFirst(Split first) {
        // Smile's queue: Split.comparator.reversed(), highest score first; ties fall as the heap has them
        PriorityQueue<Split> queue = new PriorityQueue<>((a, b) -> Double.compare(b.score, a.score));
        queue.add(first);
        for (int leaves = 1; leaves < maxNodes && !queue.isEmpty(); ) {
            Split[] children = split(queue.poll());
            if (children != null) {
                leaves++;
                if (children[0] != null) {
                    queue.add(children[0]);
                }
                if (children[1] != null) {
                    queue.add(children[1]);
                }
            }
        }
    }

    /**
     * Splits a leaf as Smile's {@code CART.split}: partitions its rows, makes the two children and
     * finds their own best splits. Returns those (either may be null), or null when the leaf stays a
     * leaf: too deep, or two children of the same class that cannot split further.
     */
    private Split[] split(Split s) {
        Workers.checkInterrupted(); // a cancelled training's pool interrupts its workers
        if (s.depth >= maxDepth || s.trueSize < nodeSize || s.falseSize < nodeSize) {
            return null;
        }
        int[] trueCounts = new int[k];
        int[] falseCounts = new int[k];
        if (data.binned()) {
            int mid = partitionRecords(s, trueCounts, falseCounts);
            return children(s, trueCounts, falseCounts, mid);
        }
        int[] y = data.y();
        double[] xj = data.x()[s.feature];
        for (int i = s.lo; i < s.hi; i++) {
            int o = index[i];
            boolean t = s.nominal ? (int) xj[o] == (int) s.value : xj[o] <= s.value;
            goesTrue[o] = t;
            (t ? trueCounts : falseCounts)[y[o]] += samples[o];
        }
        int mid = partition(index, s.lo, s.hi);
        for (int[] oj : order) {
            if (oj != null) {
                partition(oj, s.lo, s.hi);
            }
        }
        for (int i = s.lo; i < mid; i++) {
            goesTrue[index[i]] = false;
        }
        return children(s, trueCounts, falseCounts, mid);
    }

    /** Makes a split leaf's children from its rows, partitioned at {@code mid}, and finds their own best splits. */
    private Split[] children(Split s, int[] trueCounts, int[] falseCounts, int mid) {
        CartNode trueChild = CartNode.leaf(trueCounts);
        CartNode falseChild = CartNode.leaf(falseCounts);
        Split trueSplit = findBestSplit(trueChild, s.lo, mid, s.unsplittable.clone());
        Split falseSplit = findBestSplit(falseChild, mid, s.hi, s.unsplittable); // the parent's array, as Smile
        if (trueChild.output == falseChild.output && trueSplit == null && falseSplit == null) {
            return null;
        }
        s.leaf.split(s.feature, s.nominal, s.value, trueChild, falseChild);
        if (trueSplit != null) {
            trueSplit.depth = s.depth + 1;
        }
        if (falseSplit != null) {
            falseSplit.depth = s.depth + 1;
        }
        return new Split[] {trueSplit, falseSplit};
    }

    /** Stable partition of {@code a[lo, hi)}: rows going true first, each side in its old order. */
    private int partition(int[] a, int lo, int hi) {
        int j = lo;
        int f = 0;
        for (int i = lo; i < hi; i++) {
            int o = a[i];
            if (goesTrue[o]) {
                a[j++] = o;
            } else {
                buffer[f++] = o;
            }
        }
        System.arraycopy(buffer, 0, a, j, f);
        return j;
    }

    /** Smile's {@code CART.findBestSplit}: the best of {@code mtry} features drawn from the splittable ones. */
    private Split findBestSplit(CartNode node, int lo, int hi, boolean[] unsplittable) {
        if (node.size < 2 * nodeSize) {
            return null;
        }
        double impurity = DecisionNode.impurity(rule, node.size, node.count);
        if (impurity == 0.0) {
            return null;
        }
        int splittable = 0;
        for (boolean u : unsplittable) {
            splittable += u ? 0 : 1;
        }
        int[] columns = new int[splittable];
        for (int j = 0, c = 0; j < p; j++) {
            if (!unsplittable[j]) {
                columns[c++] = j;
            }
        }
        if (mtry < p) {
            MathEx.permutate(columns);
        }
        int drawn = Math.min(mtry, columns.length);
        if (data.binned()) {
            countBins(columns, drawn, lo, hi);
        }
        Split best = null;
        for (int t = 0; t < drawn; t++) {
            int j = columns[t];
            Split s = data.nominal(j) ? nominalSplit(node, j, impurity, lo, hi)
                    : data.binned() ? binnedSplit(node, j, t, impurity, lo, hi) : numericSplit(node, j, impurity, lo, hi);
            if (s == null) {
                unsplittable[j] = true;
            } else if (best == null || Double.compare(best.score, s.score) < 0) {
                best = s; // a later feature wins only with a strictly higher score, as Stream.max keeps the first
            }
        }
        if (best != null) {
            best.unsplittable = unsplittable;
        }
        return best;
    }

    private Split numericSplit(CartNode node, int j, double impurity, int lo, int hi) {
        int[] oj = order[j];
        double[] xj = data.x()[j];
        int[] y = data.y();
        int size = node.size;
        Arrays.fill(trueCount, 0);
        int first = oj[lo];
        double prevx = xj[first];
        int prevy = y[first];
        int trueSum = 0;
        double splitScore = 0.0;
        double splitValue = 0.0;
        int splitTrue = 0;
        int splitFalse = 0;
        for (int i = lo; i < hi; i++) {
            int o = oj[i];
            int yi = y[o];
            double xij = xj[o];
            // Smile tries a cut only where the class changes and the value moves by 1e-7 or more
            if (yi != prevy && !MathEx.isZero(xij - prevx, 1E-7)) {
                int tc = trueSum;
                int fc = size - tc;
                if (tc >= nodeSize && fc >= nodeSize) {
                    double gain = gain(impurity, node, tc, trueCount);
                    if (gain > splitScore) {
                        splitValue = (xij + prevx) / 2;
                        splitTrue = tc;
                        splitFalse = fc;
                        splitScore = gain;
                    }
                }
            }
            prevx = xij;
            prevy = yi;
            trueCount[yi] += samples[o];
            trueSum += samples[o];
        }
        return splitScore > 0.0
                ? new Split(node, j, false, splitValue, splitScore, lo, hi, splitTrue, splitFalse) : null;
    }

    /**
     * Lays out the tree's {@code m} rows (in {@code index[0, m)}) as records in that order: each
     * row's bins, class and bootstrap count side by side, so that counting a node's bins and
     * partitioning it read memory in sequence rather than row by row all over the data.
     */
    private void gatherRecords(int m) {
        if (rowClass.length < m) {
            rowBins = new char[Math.multiplyExact(m, p)];
            rowClass = new int[m];
            rowCount = new int[m];
        }
        char[] codes = data.codes();
        int[] y = data.y();
        for (int q = 0; q < m; q++) {
            int o = index[q];
            System.arraycopy(codes, o * p, rowBins, q * p, p);
            rowClass[q] = y[o];
            rowCount[q] = samples[o];
        }
    }

    /**
     * Partitions a binned node's records in place, true side first, counting each side's classes.
     * The order within a side is not kept: a binned node's counts do not depend on it.
     */
    private int partitionRecords(Split s, int[] trueCounts, int[] falseCounts) {
        double[] xj = data.x()[s.feature];
        int f = s.feature;
        int i = s.lo;
        int j = s.hi;
        while (i < j) {
            boolean t = s.nominal ? (int) xj[index[i]] == (int) s.value : rowBins[i * p + f] <= s.bin;
            if (t) {
                trueCounts[rowClass[i]] += rowCount[i];
                i++;
            } else {
                falseCounts[rowClass[i]] += rowCount[i];
                swapRecords(i, --j);
            }
        }
        return i;
    }

    private void swapRecords(int a, int b) {
        if (a == b) {
            return;
        }
        int t = index[a];
        index[a] = index[b];
        index[b] = t;
        t = rowClass[a];
        rowClass[a] = rowClass[b];
        rowClass[b] = t;
        t = rowCount[a];
        rowCount[a] = rowCount[b];
        rowCount[b] = t;
        System.arraycopy(rowBins, a * p, swap, 0, p);
        System.arraycopy(rowBins, b * p, rowBins, a * p, p);
        System.arraycopy(swap, 0, rowBins, b * p, p);
    }

    /**
     * The node's weighted class counts per bin of each numeric feature drawn ({@code columns[0, drawn)},
     * slot = position), in one pass over its records, read in sequence.
     */
    private void countBins(int[] columns, int drawn, int lo, int hi) {
        for (int t = 0; t < drawn; t++) {
            presentCount[t] = 0;
        }
        for (int i = lo; i < hi; i++) {
            int c = rowClass[i];
            int w = rowCount[i];
            int row = i * p;
            for (int t = 0; t < drawn; t++) {
                int j = columns[t];
                if (!data.nominal(j)) {
                    int at = t * bins + rowBins[row + j];
                    if (binTotal[at] == 0) {
                        present[t * bins + presentCount[t]++] = at - t * bins;
                    }
                    binTotal[at] += w;
                    histogram[at * k + c] += w;
                }
            }
        }
    }

    /**
     * The best cut of binned feature {@code j} from its counts in {@code slot} ({@link #countBins}):
     * every cut between two non-empty bins in ascending order. A node with fewer rows than bins
     * visits only the bins its rows fall in (sorted), so deep, small nodes cost their size, not the
     * bin count. Leaves the slot's counts zero.
     */
    private Split binnedSplit(CartNode node, int j, int slot, double impurity, int lo, int hi) {
        int base = slot * bins;
        int seen = presentCount[slot];
        int featureBins = data.cuts()[j].length + 1;
        if (seen < featureBins) {
            Arrays.sort(present, base, base + seen);
        }
        int size = node.size;
        Arrays.fill(trueCount, 0);
        int trueSum = 0;
        double splitScore = 0.0;
        int splitBin = -1;
        int splitTrue = 0;
        // the last bin met closes no cut: nothing lies above it
        for (int q = 0; q < seen; q++) {
            int b = seen < featureBins ? present[base + q] : q;
            trueSum += binTotal[base + b];
            for (int c = 0, at = (base + b) * k; c < k; c++) {
                trueCount[c] += histogram[at + c];
                histogram[at + c] = 0;
            }
            binTotal[base + b] = 0;
            int fc = size - trueSum;
            if (q < seen - 1 && trueSum >= nodeSize && fc >= nodeSize) {
                double gain = gain(impurity, node, trueSum, trueCount);
                if (gain > splitScore) {
                    splitScore = gain;
                    splitBin = b;
                    splitTrue = trueSum;
                }
            }
        }
        if (splitScore <= 0.0) {
            return null;
        }
        Split s = new Split(node, j, false, data.cuts()[j][splitBin], splitScore, lo, hi, splitTrue, size - splitTrue);
        s.bin = splitBin;
        return s;
    }

    /**
     * Smile's gain of sending {@code trueCount} (summing to {@code tc}) one way and the rest of the
     * node the other, in Smile's order of operations, so the doubles are Smile's to the last bit.
     */
    private double gain(double impurity, CartNode node, int tc, int[] trueCount) {
        int size = node.size;
        int fc = size - tc;
        for (int l = 0; l < k; l++) {
            falseCount[l] = node.count[l] - trueCount[l];
        }
        return impurity - (double) tc / size * DecisionNode.impurity(rule, tc, trueCount)
                - (double) fc / size * DecisionNode.impurity(rule, fc, falseCount);
    }

    private Split nominalSplit(CartNode node, int j, double impurity, int lo, int hi) {
        double[] xj = data.x()[j];
        int[] y = data.y();
        int size = node.size;
        int[][] levelCount = new int[data.levels()[j]][k];
        for (int i = lo; i < hi; i++) {
            int o = index[i];
            levelCount[(int) xj[o]][y[o]] += samples[o];
        }
        double splitScore = 0.0;
        int splitValue = -1;
        int splitTrue = 0;
        int splitFalse = 0;
        for (int l = 0; l < levelCount.length; l++) {
            int tc = (int) MathEx.sum(levelCount[l]);
            int fc = size - tc;
            if (tc < nodeSize || fc < nodeSize) {
                continue;
            }
            double gain = gain(impurity, node, tc, levelCount[l]);
            if (gain > splitScore) {
                splitValue = l;
                splitTrue = tc;
                splitFalse = fc;
                splitScore = gain;
            }
        }
        return splitScore > 0.0
                ? new Split(node, j, true, splitValue, splitScore, lo, hi, splitTrue, splitFalse) : null;
    }
}
