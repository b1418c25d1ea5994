package dev.grove.smile;

import java.io.ObjectInputFilter;
import java.util.Optional;
import java.util.Set;

/**
 * The allow-list a Smile forest is deserialized through: the Smile classes a
 * {@code RandomForest} is made of and the few JDK value classes they hold. Anything else is
 * refused when its class descriptor is read, before an instance exists. Limits bound the object
 * graph so a hostile file cannot exhaust memory or the stack; they are far above what the
 * largest forests Grove writes need (a 100-tree forest on 80k rows is about 36 MB and a few
 * million objects, nested as deep as its trees).
 */
final class SmileClassFilter implements ObjectInputFilter {
    static final long MAX_DEPTH = 10_000;
    static final long MAX_REFERENCES = 1_000_000_000L;
    static final long MAX_BYTES = Integer.MAX_VALUE; // model files are read into one byte[] anyway
    static final long MAX_ARRAY_LENGTH = 100_000_000L;

    private static final Set<String> PACKAGES = Set.of(
            "smile.base.cart",        // tree nodes, split rule
            "smile.data.formula",     // the forest's formula and its terms
            "smile.data.type",        // schema: StructType, StructField, data types
            "smile.data.measure");    // NominalScale of categorical features and classes

    private static final Set<String> CLASSES = Set.of(
            "smile.classification.AbstractClassifier",
            "smile.classification.RandomForest",
            "smile.classification.RandomForest$Model",
            "smile.classification.DecisionTree",
            "smile.util.IntSet",
            "smile.validation.ClassificationMetrics",
            // JDK values inside Smile's schema and measures (the level maps of nominal scales)
            "java.lang.Enum",
            "java.lang.Number",
            "java.lang.Byte",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Double",
            "java.lang.String",
            "java.util.HashMap",
            "java.util.Map$Entry");

    private volatile String rejected;

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.streamBytes() > MAX_BYTES
                || info.arrayLength() > MAX_ARRAY_LENGTH) {
            rejected = "(limits: depth " + info.depth() + ", references " + info.references() + ", bytes "
                    + info.streamBytes() + ", array length " + info.arrayLength() + ")";
            return Status.REJECTED;
        }
        Class<?> c = info.serialClass();
        if (c == null) {
            return Status.UNDECIDED;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive() || CLASSES.contains(c.getName()) || PACKAGES.contains(c.getPackageName())) {
            return Status.ALLOWED;
        }
        rejected = c.getName();
        return Status.REJECTED;
    }

    /**
     * Whether a class named as in a serialized class descriptor ({@code a.b.C}, {@code [La.b.C;},
     * {@code [[I}) is on the allow-list. Checked before the class is looked up, so a class that is
     * not allowed is never even loaded.
     */
    static boolean allowsName(String descriptorName) {
        String name = descriptorName;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (name.length() == 1) {
            return "ZBCSIJFD".contains(name); // array of a primitive
        }
        if (name.startsWith("L") && name.endsWith(";") && !name.equals(descriptorName)) {
            name = name.substring(1, name.length() - 1);
        }
        int dot = name.lastIndexOf('.');
        return CLASSES.contains(name) || (dot > 0 && PACKAGES.contains(name.substring(0, dot)));
    }

    /** Records a class refused by name before it was loaded. */
    void rejectName(String name) {
        rejected = name;
    }

    /** The class (or limit) refused last, if any. */
    Optional<String> rejected() {
        return Optional.ofNullable(rejected);
    }
}
