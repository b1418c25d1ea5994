package dev.grove.smile;

import java.util.HashSet;
import java.util.Set;

/**
 * One RNG seed per tree, derived from the run's random state alone. Smile reseeds its
 * thread-local generator with a tree's seed before growing it, so each tree depends only on its
 * own seed and the forest is the same on any number of threads. Smile ignores seeds ≤ 1 (it then
 * keeps whatever state the worker thread's generator has), so every seed here is &gt; 1, and
 * seeds are distinct so no two trees are twins.
 */
final class TreeSeeds {
    private TreeSeeds() {
    }

    static long[] derive(long randomState, int trees) {
        long[] seeds = new long[trees];
        Set<Long> used = new HashSet<>();
        long state = randomState;
        for (int i = 0; i < trees; i++) {
            long s;
            do {
                state += 0x9E3779B97F4A7C15L;
                s = mix(state) & Long.MAX_VALUE;
            } while (s <= 1 || !used.add(s));
            seeds[i] = s;
        }
        return seeds;
    }

    // SplitMix64's finaliser: neighbouring random states give unrelated seeds.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
