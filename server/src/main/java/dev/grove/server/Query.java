package dev.grove.server;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Strict query parameters: an unknown name or a malformed value is a 400 naming it. */
final class Query {
    private Query() {
    }

    static void requireKnown(Context ctx, Set<String> known) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name)) {
                throw new ApiException(400, "unknown query parameter '" + name + "'; the parameters are: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    static Optional<String> string(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        Optional<String> v = string(ctx, name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(400, "'" + name + "' must be a whole number from " + min + " to " + max + ", got '"
                + v.get() + "'");
    }

    static boolean bool(Context ctx, String name, boolean fallback) {
        Optional<String> v = string(ctx, name);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ApiException(400, "'" + name + "' must be true or false, got '" + v.get() + "'");
        };
    }
}
