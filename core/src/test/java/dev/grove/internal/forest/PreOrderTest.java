package dev.grove.internal.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreOrderTest {
    /** A test tree: a leaf when both children are null. */
    record T(String name, T left, T right) {
        static T leaf(String name) {
            return new T(name, null, null);
        }
    }

    @Test
    void numbersNodeThenFirstSubtreeThenSecondAndPointsAtEachSecondChild() {
        //        a
        //      b   e
        //     c d
        T tree = new T("a", new T("b", T.leaf("c"), T.leaf("d")), T.leaf("e"));
        PreOrder<T> order = PreOrder.of(tree, T::left, T::right);
        assertEquals(List.of("a", "b", "c", "d", "e"), order.nodes().stream().map(T::name).toList());
        assertArrayEquals(new int[] {4, 3, -1, -1, -1}, order.secondChild());
    }

    @Test
    void aDeepTreeDoesNotOverflowTheStack() {
        T tree = T.leaf("bottom");
        for (int depth = 0; depth < 100_000; depth++) {
            tree = new T("n" + depth, tree, T.leaf("x"));
        }
        PreOrder<T> order = PreOrder.of(tree, T::left, T::right);
        assertEquals(200_001, order.size());
        assertEquals(200_000, order.secondChild()[0], "the root's second child comes after its whole first subtree");
    }
}
