package dev.grove.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grove.internal.GroveJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * JSON in and out, with Grove's own Jackson configuration (the one the CLI prints with), so an
 * API answer and {@code --json} agree to the byte in their values and keys. Javalin's optional
 * JSON mapper is not used.
 */
final class Json {
    static final String CONTENT_TYPE = "application/json";

    private Json() {
    }

    static void write(Context ctx, Object value) {
        write(ctx, value, CONTENT_TYPE);
    }

    static void write(Context ctx, Object value, String contentType) {
        ctx.contentType(contentType + "; charset=utf-8").result(bytes(value));
    }

    static byte[] bytes(Object value) {
        try {
            return GroveJson.compactWriter().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /** True when the request says its body is JSON. */
    static boolean isJson(Context ctx) {
        String type = ctx.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).trim().startsWith(CONTENT_TYPE);
    }

    /**
     * The request's body as a JSON object: 415 when it is not declared JSON (which also keeps a
     * cross-site form from posting here), 400 when it is not a JSON object.
     */
    static ObjectNode object(Context ctx) {
        if (!isJson(ctx)) {
            throw new ApiException(415, "send the body as JSON with 'Content-Type: application/json'");
        }
        return parseObject(ctx.bodyAsBytes());
    }

    /** As {@link #object}, but an empty body is an empty object (for requests whose fields are all optional). */
    static ObjectNode optionalObject(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!isJson(ctx)) {
            throw new ApiException(415, "send the body as JSON with 'Content-Type: application/json'");
        }
        return parseObject(body);
    }

    static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = GroveJson.reader().readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw new ApiException(400, "the body must be a JSON object ({...})");
        }
        return (ObjectNode) node;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
