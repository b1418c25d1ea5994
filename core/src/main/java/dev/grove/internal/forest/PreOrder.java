package dev.grove.internal.forest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * The nodes of a binary tree numbered in pre-order (a node, then its first subtree, then its
 * second), with the number at which each node's second subtree starts. That is the layout of a
 * flat tree: the first child of node {@code i} is {@code i + 1}, so children always come after
 * their parent and a walk can only move forward. Iterative, since trained trees can be deep.
 *
 * @param nodes       the nodes in pre-order
 * @param secondChild for each node, the index of its second child, or -1 for a leaf
 * @param <N>         the node type
 */
public record PreOrder<N>(List<N> nodes, int[] secondChild) {

    /**
     * @param first  a node's first child, or {@code null} for a leaf
     * @param second a node's second child (asked only of nodes that have a first)
     */
    public static <N> PreOrder<N> of(N root, Function<N, N> first, Function<N, N> second) {
        List<N> nodes = new ArrayList<>();
        List<Integer> seconds = new ArrayList<>();
        Deque<N> pending = new ArrayDeque<>();
        // for each pending node: the index of the parent whose second child it is, or -1
        Deque<Integer> secondOf = new ArrayDeque<>();
        pending.push(root);
        secondOf.push(-1);
        while (!pending.isEmpty()) {
            N node = pending.pop();
            int parent = secondOf.pop();
            int i = nodes.size();
            nodes.add(node);
            seconds.add(-1);
            if (parent >= 0) {
                seconds.set(parent, i);
            }
            N a = first.apply(node);
            if (a != null) {
                pending.push(second.apply(node));
                secondOf.push(i);
                pending.push(a);
                secondOf.push(-1);
            }
        }
        return new PreOrder<>(List.copyOf(nodes), seconds.stream().mapToInt(Integer::intValue).toArray());
    }

    public int size() {
        return nodes.size();
    }
}
