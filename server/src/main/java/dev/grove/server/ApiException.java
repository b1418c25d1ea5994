package dev.grove.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer other than success that the server decides itself (no token, a full queue, a
 * path outside the data folder…): a status, the one-line detail and, when needed, response
 * headers and extra problem members.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;
    private final Map<String, Object> extra;

    ApiException(int status, String detail) {
        this(status, detail, Map.of(), Map.of());
    }

    ApiException(int status, String detail, Map<String, String> headers, Map<String, Object> extra) {
        super(detail, null, false, false); // an answer, not a fault: no stack trace is ever taken
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.extra = new LinkedHashMap<>(extra);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    Map<String, Object> extra() {
        return extra;
    }
}
