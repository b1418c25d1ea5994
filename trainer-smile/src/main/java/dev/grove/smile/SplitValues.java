package dev.grove.smile;

import dev.grove.GroveException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import smile.base.cart.NominalNode;
import smile.base.cart.OrdinalNode;

/**
 * The split value of a Smile node. Smile 3.1 keeps it in a package-private field with no
 * accessor, and its text forms round the number, so it is read through a private lookup (Smile
 * sits on the class path, in the unnamed module, which is open to such lookups).
 */
final class SplitValues {
    private static final VarHandle ORDINAL = handle(OrdinalNode.class, double.class);
    private static final VarHandle NOMINAL = handle(NominalNode.class, int.class);

    private SplitValues() {
    }

    /** The threshold: rows with a value {@code <=} it take the true branch. */
    static double of(OrdinalNode node) {
        return (double) ORDINAL.get(node);
    }

    /** The level code: rows with exactly this code take the true branch. */
    static int of(NominalNode node) {
        return (int) NOMINAL.get(node);
    }

    private static VarHandle handle(Class<?> node, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(node, MethodHandles.lookup()).findVarHandle(node, "value", type);
        } catch (ReflectiveOperationException | SecurityException e) {
            throw new GroveException("cannot read the split values of Smile " + node.getSimpleName()
                    + " (is smile-core " + SmileTrainer.SMILE_VERSION + " on the class path, not the module path?): "
                    + e, e);
        }
    }
}
