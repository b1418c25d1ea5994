package dev.grove.tribuo;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.FeatureMap;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ExampleProto;
import org.tribuo.util.Merger;

/**
 * A read-only Tribuo example that is one row of shared {@link InputColumns}: an output, a shared
 * array of input names and a row number, about 40 bytes. A Tribuo {@code ArrayExample} copies the
 * names and values into two arrays of its own (about 310 bytes a row at 20 inputs), which at a
 * million rows was the largest single part of the trainer's heap.
 *
 * <p>It reads as the {@code ArrayExample} of the same names and values (dense, names in sorted
 * order, weight 1); changing it is refused, {@link #copy()} gives a mutable {@code ArrayExample}, and
 * it is serialized (Java or protobuf) as that copy.
 */
final class ColumnExample extends Example<Label> {
    private static final long serialVersionUID = 1L;

    private final transient String[] names; // sorted, shared by every row
    private final transient InputColumns columns;
    private final int row;

    /** @param names the input names, sorted as Tribuo keeps them; input {@code i} is {@code names[i]} */
    ColumnExample(Label output, String[] names, InputColumns columns, int row) {
        super(output);
        this.names = names;
        this.columns = columns;
        this.row = row;
    }

    InputColumns columns() {
        return columns;
    }

    int row() {
        return row;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public Iterator<Feature> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < names.length;
            }

            @Override
            public Feature next() {
                if (next >= names.length) {
                    throw new NoSuchElementException();
                }
                Feature f = new Feature(names[next], columns.at(next, row));
                next++;
                return f;
            }
        };
    }

    @Override
    public Feature lookup(String name) {
        int i = Arrays.binarySearch(names, name);
        return i < 0 ? null : new Feature(names[i], columns.at(i, row));
    }

    @Override
    public boolean validateExample() {
        if (names.length == 0) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            if (Double.isNaN(columns.at(i, row))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isDense(FeatureMap map) {
        if (map.size() != names.length) {
            return false;
        }
        for (VariableInfo info : map) {
            if (Arrays.binarySearch(names, info.getName()) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void densify(List<String> featureNames) {
        for (String name : featureNames) {
            if (Arrays.binarySearch(names, name) < 0) {
                throw readOnly();
            }
        }
    }

    /** The names are sorted and distinct already. */
    @Override
    protected void sort() {
        // nothing to do
    }

    /** No name appears twice, so there is nothing to merge. */
    @Override
    public void reduceByName(Merger merger) {
        // nothing to do
    }

    /** The shared names stand as they are: canonical names only save memory, and these are shared. */
    @Override
    public void canonicalize(FeatureMap map) {
        // nothing to do
    }

    @Override
    public ArrayExample<Label> copy() {
        return new ArrayExample<>(this);
    }

    @Override
    public ExampleProto serialize() {
        return copy().serialize();
    }

    private Object writeReplace() {
        return copy();
    }

    @Override
    public void add(Feature feature) {
        throw readOnly();
    }

    @Override
    public void addAll(Collection<? extends Feature> features) {
        throw readOnly();
    }

    @Override
    public void removeFeatures(List<Feature> features) {
        throw readOnly();
    }

    @Override
    public void set(Feature feature) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a training row of the tribuo trainer is read-only; copy() it to change it");
    }
}
