package dev.grove.server;

import static dev.grove.server.Access.OPEN;
import static dev.grove.server.Access.READ;
import static dev.grove.server.Access.WRITE;
import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * Every route of the server, in one table: method, path, who may call it, and the small function
 * that answers. The paths are fixed (scripts rely on them); {@code openapi.json} describes exactly
 * these, which a test checks.
 */
final class Routes {
    /** One route: method and path, its access, its handler. */
    record Route(HandlerType method, String path, Access access, Handler handler) {
    }

    private Routes() {
    }

    static List<Route> table(SystemApi system, RunsApi runs, RunEvents events, ModelsApi models, PredictApi predict) {
        return List.of(
                new Route(GET, "/health", OPEN, system::health),
                new Route(GET, "/openapi.json", OPEN, system::openapi),
                new Route(GET, "/vendor/chart.umd.js", OPEN, system::chartJs),
                new Route(GET, "/api/trainers", READ, system::trainers),
                new Route(GET, "/api/datasets", READ, runs::datasets),
                new Route(GET, "/api/queue", READ, runs::queue),
                new Route(GET, "/api/runs", READ, runs::list),
                new Route(POST, "/api/runs", WRITE, runs::create),
                new Route(GET, "/api/runs/{id}", READ, runs::show),
                new Route(GET, "/api/runs/{id}/events", READ, events::stream),
                new Route(POST, "/api/runs/{id}/cancel", WRITE, runs::cancel),
                new Route(GET, "/api/compare", READ, runs::compare),
                new Route(GET, "/api/models", READ, models::list),
                new Route(GET, "/api/models/{name}", READ, models::show),
                new Route(GET, "/api/models/{name}/retraining", READ, models::retraining),
                new Route(PUT, "/api/models/{name}/aliases/{alias}", WRITE, models::setAlias),
                new Route(DELETE, "/api/models/{name}/aliases/{alias}", WRITE, models::deleteAlias),
                new Route(POST, "/api/models/{name}/aliases/{alias}/rollback", WRITE, models::rollback),
                new Route(POST, "/api/models/{name}/promote", WRITE, models::promote),
                new Route(POST, "/api/models/{name}/predict", READ, predict::predict));
    }

    /** Registers the routes, each behind the guard's check for its access. */
    static void install(JavalinConfig cfg, List<Route> routes, Guard guard) {
        for (Route r : routes) {
            Handler h = r.handler();
            Access access = r.access();
            cfg.routes.addHttpHandler(r.method(), r.path(), ctx -> {
                guard.check(ctx, access);
                h.handle(ctx);
            });
        }
    }
}
