package dev.grove.smile;

import dev.grove.InvalidRequestException;
import dev.grove.data.ColumnType;
import dev.grove.data.Dataset;
import dev.grove.data.Table;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FeatureSpec;
import java.util.ArrayList;
import java.util.List;
import smile.data.DataFrame;
import smile.data.measure.NominalScale;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;

/**
 * Grove tables as Smile data frames, one column vector per feature (never a row-major copy):
 * numeric features as doubles, categorical ones as ints with a {@link NominalScale} of the
 * encoding's levels, so Smile splits them as categories in the order training fixed, not in an
 * alphabetical order that would shift with the data.
 */
final class SmileFrames {
    private SmileFrames() {
    }

    /** The features of {@code table} as the model reads them. */
    static DataFrame features(Table table, FeatureEncoding encoding) {
        return DataFrame.of(featureVectors(table, encoding).toArray(BaseVector[]::new));
    }

    /** Features plus the label as a nominal column whose codes are the dataset's class codes. */
    static DataFrame training(Dataset train, FeatureEncoding encoding) {
        if (encoding.names().contains(train.labelName())) {
            throw new InvalidRequestException("the label '" + train.labelName() + "' is also a feature column; "
                    + "leave it out of the features");
        }
        List<BaseVector<?, ?, ?>> vectors = featureVectors(train.features(), encoding);
        StructField label = new StructField(train.labelName(), DataTypes.IntegerType,
                new NominalScale(train.classes()));
        vectors.add(IntVector.of(label, train.labels()));
        return DataFrame.of(vectors.toArray(BaseVector[]::new));
    }

    private static List<BaseVector<?, ?, ?>> featureVectors(Table table, FeatureEncoding encoding) {
        encoding.requireColumns(table);
        List<BaseVector<?, ?, ?>> vectors = new ArrayList<>(encoding.size());
        for (int j = 0; j < encoding.size(); j++) {
            FeatureSpec spec = encoding.features().get(j);
            double[] values = encoding.encodeColumn(table, j);
            if (spec.type() == ColumnType.NUMERIC) {
                vectors.add(DoubleVector.of(new StructField(spec.name(), DataTypes.DoubleType), values));
            } else {
                int[] codes = new int[values.length];
                for (int i = 0; i < codes.length; i++) {
                    codes[i] = (int) values[i];
                }
                vectors.add(IntVector.of(new StructField(spec.name(), DataTypes.IntegerType,
                        new NominalScale(spec.levels())), codes));
            }
        }
        return vectors;
    }
}
