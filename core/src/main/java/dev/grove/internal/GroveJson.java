package dev.grove.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration Grove writes with: snake_case keys, sorted maps, pretty output.
 * Only Jackson's immutable readers and writers leave this class; the mapper itself never does,
 * so no caller can change what sidecars and run records say.
 */
public final class GroveJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectReader READER = MAPPER.reader();
    private static final ObjectWriter PRETTY = MAPPER.writer();
    private static final ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private GroveJson() {
    }

    /** A reader of untyped trees ({@code readTree}). */
    public static ObjectReader reader() {
        return READER;
    }

    public static ObjectReader reader(Class<?> type) {
        return READER.forType(type);
    }

    public static ObjectReader reader(TypeReference<?> type) {
        return READER.forType(type);
    }

    /** Indented output. */
    public static ObjectWriter writer() {
        return PRETTY;
    }

    /** One-line output. */
    public static ObjectWriter compactWriter() {
        return COMPACT;
    }

    /** Compact JSON of a value (maps, lists, records of plain values). */
    public static String compact(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Indented JSON of a value. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
