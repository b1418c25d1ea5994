package dev.grove.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** What every error answer must be: problem+json, the expected status, one line of detail, no stack trace. */
final class ProblemAssert {
    private ProblemAssert() {
    }

    static JsonNode problem(Http.Response r, int status) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), () -> r.contentType() + " " + r);
        assertFalse(r.body().contains("\tat ") || r.body().contains("Exception") || r.body().contains(".java:"),
                () -> "a stack trace or exception name leaked: " + r.body());
        JsonNode p = r.json();
        assertEquals(status, p.get("status").asInt());
        String detail = p.get("detail").asText();
        assertFalse(detail.isBlank());
        assertFalse(detail.contains("\n"), detail);
        return p;
    }

    static String detail(Http.Response r, int status) {
        return problem(r, status).get("detail").asText();
    }
}
