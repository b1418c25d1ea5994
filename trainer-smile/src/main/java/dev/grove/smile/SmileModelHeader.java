package dev.grove.smile;

import dev.grove.train.FeatureSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON block of a Smile model file: what Smile does not keep itself (class names, Grove's
 * feature encoding) and the params the forest was grown with.
 */
record SmileModelHeader(String smileVersion, List<String> classes, List<FeatureSpec> features,
                        Map<String, Object> params) {
    SmileModelHeader {
        classes = List.copyOf(classes);
        features = List.copyOf(features);
        // sorted: the file's bytes must not depend on a map's iteration order
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }
}
