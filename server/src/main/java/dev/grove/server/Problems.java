package dev.grove.server;

import dev.grove.AliasConflictException;
import dev.grove.CancelledException;
import dev.grove.DuplicateModelVersionException;
import dev.grove.GroveException;
import dev.grove.InvalidDataException;
import dev.grove.InvalidRequestException;
import dev.grove.ModelIntegrityException;
import dev.grove.NotFoundException;
import dev.grove.RunStoreException;
import dev.grove.TrainerNotFoundException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answer: {@code application/problem+json} (RFC 9457) whose {@code detail} is the
 * same one-line message the command line prints, never a stack trace. Grove's exceptions map to
 * statuses as the CLI maps them to exit codes: what the CLI calls bad usage is a 4xx here.
 */
final class Problems {
    static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /**
     * The status an exception answers with. Order matters: the specific types come before the
     * general ones they extend.
     */
    static int status(Throwable e) {
        if (e instanceof ApiException a) {
            return a.status();
        }
        if (e instanceof HttpResponseException h) {
            return h.getStatus();
        }
        if (e instanceof NotFoundException) {
            return 404;
        }
        if (e instanceof DuplicateModelVersionException || e instanceof AliasConflictException
                || e instanceof CancelledException || e instanceof ModelIntegrityException) {
            return 409; // the request is fine, the state of what it names is not (a taken version, a broken model file)
        }
        if (e instanceof InvalidRequestException || e instanceof TrainerNotFoundException) {
            return 400;
        }
        if (e instanceof InvalidDataException) { // MissingColumnsException included: well-formed, but the data cannot serve it
            return 422;
        }
        if (e instanceof RunStoreException) {
            return 503; // the store is unreachable or closed; the request may work later
        }
        return 500; // ArtifactException, TrainingFailedException, any other GroveException, and the unexpected
    }

    /** The one-line detail; an unexpected exception says only what it was, its trace goes to the log. */
    static String detail(Throwable e) {
        if (e instanceof ApiException || e instanceof GroveException) {
            return oneLine(e.getMessage());
        }
        if (e instanceof HttpResponseException h) {
            return switch (h.getStatus()) {
                case 404 -> "no such route; /openapi.json lists the API's routes";
                case 405 -> "this path does not take that method; /openapi.json lists the API's routes";
                case 413 -> "the request body is larger than this server accepts";
                default -> oneLine(h.getMessage());
            };
        }
        return "internal error (" + e.getClass().getSimpleName() + "); the server log has the details";
    }

    /** Javalin's exception handler for every exception a route lets escape. */
    static void handle(Exception e, Context ctx) {
        int status = status(e);
        if (status >= 500 && !(e instanceof GroveException) && !(e instanceof ApiException)) {
            LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
        } else if (status >= 500) {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
        } else {
            LOG.debug("{} {} -> {}: {}", ctx.method(), ctx.path(), status, e.getMessage());
        }
        Map<String, Object> extra = Map.of();
        if (e instanceof ApiException a) {
            a.headers().forEach(ctx::header);
            extra = a.extra();
        }
        if (e instanceof HttpResponseException h && status == 405) {
            String allowed = h.getDetails().getOrDefault("availableMethods", h.getDetails().get("Available methods"));
            if (allowed != null) {
                ctx.header("Allow", allowed);
            }
        }
        write(ctx, status, detail(e), extra);
    }

    /** Writes a problem answer. */
    static void write(Context ctx, int status, String detail, Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", title(status));
        p.put("status", status);
        p.put("detail", detail);
        p.put("instance", ctx.path());
        p.putAll(extra);
        ctx.status(status);
        Json.write(ctx, p, CONTENT_TYPE);
    }

    static String title(int status) {
        String m = HttpStatus.forStatus(status).getMessage();
        return m == null || m.isBlank() || "Unknown".equals(m) ? "Error" : m;
    }

    /** Messages are one line: any line break or run of spaces becomes one space. */
    static String oneLine(String message) {
        return message == null || message.isBlank() ? "error" : message.replaceAll("\\s+", " ").trim();
    }
}
