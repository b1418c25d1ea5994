package dev.grove.spark;

import dev.grove.train.FeatureSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON block of a Spark model file: the class names, Grove's feature encoding (the one the
 * forest was trained on, in Spark) and the params, plus the Spark version that grew the trees.
 */
record SparkModelHeader(String sparkVersion, List<String> classes, List<FeatureSpec> features,
                        Map<String, Object> params) {
    SparkModelHeader {
        classes = List.copyOf(classes);
        features = List.copyOf(features);
        // sorted: equal forests must give equal bytes
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }
}
