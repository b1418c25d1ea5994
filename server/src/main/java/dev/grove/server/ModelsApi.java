package dev.grove.server;

import dev.grove.Grove;
import dev.grove.internal.RegistryView;
import dev.grove.internal.RetrainView;
import dev.grove.internal.RunView;
import dev.grove.registry.AliasChange;
import dev.grove.registry.ModelSummary;
import dev.grove.registry.Models;
import dev.grove.registry.Promotion;
import dev.grove.registry.PromotionOutcome;
import dev.grove.run.RunField;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/models}: the registry, with the same rules as {@code grove models}: names, versions,
 * aliases and their history; setting, moving and deleting an alias, promoting through the gate,
 * rolling back. Who did it ({@code by}, default the server's principal) and why ({@code reason})
 * go into the alias history. Moves made here reach the served models at once. A model's trigger
 * history is read here too, with the keys of {@code grove retrain --history NAME --json}.
 */
final class ModelsApi {
    private static final Set<String> ACTOR = Set.of("by", "reason");
    private static final Set<String> SET_KEYS = Set.of("version", "by", "reason");
    private static final Set<String> PROMOTE_KEYS = Set.of("version", "alias", "metric", "min_gain", "force", "by",
            "reason");

    private final Grove grove;
    private final LiveModels live;
    private final String principal;

    ModelsApi(Grove grove, LiveModels live, String principal) {
        this.grove = grove;
        this.live = live;
        this.principal = principal;
    }

    private Models models() {
        return grove.models();
    }

    /** GET /api/models */
    void list(Context ctx) {
        Json.write(ctx, models().list().stream().map(ModelsApi::summary).toList());
    }

    private static Map<String, Object> summary(ModelSummary m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("name", m.name());
        j.put("versions", m.runs().stream().map(TrainingRun::modelVersion).toList());
        j.put("succeeded", m.runs().stream().filter(r -> r.status() == RunStatus.SUCCEEDED).count());
        j.put("latest", m.runs().isEmpty() ? null : m.runs().get(0).modelVersion());
        j.put("aliases", m.aliases().stream().map(RegistryView::alias).toList());
        return j;
    }

    /** GET /api/models/{name}: its aliases, every version (newest first) and the alias history (oldest first). */
    void show(Context ctx) {
        String name = ctx.pathParam("name");
        ModelSummary m = models().show(name);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("name", m.name());
        j.put("aliases", m.aliases().stream().map(RegistryView::alias).toList());
        j.put("versions", m.runs().stream().map(RunView::of).toList());
        j.put("history", models().history(name).stream().map(RegistryView::change).toList());
        Json.write(ctx, j);
    }

    /**
     * GET /api/models/{name}/retraining: every evaluation of the model's retraining triggers, oldest
     * first, as {@code grove retrain --history NAME --json} prints them. A model that does not exist
     * is a 404, as for {@code GET /api/models/{name}}; one never evaluated has an empty history.
     */
    void retraining(Context ctx) {
        String name = ctx.pathParam("name");
        models().history(name); // the same 400 (bad name) and 404 (no such model) as show
        Json.write(ctx, grove.runs().retraining().evaluations(name).stream().map(RetrainView::of).toList());
    }

    /** PUT /api/models/{name}/aliases/{alias} {"version": …}: set or move by hand, without the gate. */
    void setAlias(Context ctx) {
        Fields f = Fields.of(Json.object(ctx), SET_KEYS, Map.of());
        String version = f.string("version").orElseThrow(() -> new ApiException(400,
                "'version' is required: the version to point the alias at"));
        String name = ctx.pathParam("name");
        AliasChange c = models().setAlias(name, ctx.pathParam("alias"), version.trim(), by(f), reason(f));
        live.refresh(name);
        Json.write(ctx, RegistryView.change(c));
    }

    /** DELETE /api/models/{name}/aliases/{alias} */
    void deleteAlias(Context ctx) {
        Fields f = Fields.of(Json.optionalObject(ctx), ACTOR, Map.of());
        String name = ctx.pathParam("name");
        String alias = ctx.pathParam("alias");
        AliasChange c = models().deleteAlias(name, alias, by(f), reason(f));
        live.forget(name, alias);
        Json.write(ctx, RegistryView.change(c));
    }

    /** POST /api/models/{name}/aliases/{alias}/rollback: back to the version before its last move. */
    void rollback(Context ctx) {
        Fields f = Fields.of(Json.optionalObject(ctx), ACTOR, Map.of());
        String name = ctx.pathParam("name");
        AliasChange c = models().rollback(name, ctx.pathParam("alias"), by(f), reason(f));
        live.refresh(name);
        Json.write(ctx, RegistryView.change(c));
    }

    /**
     * POST /api/models/{name}/promote {"version", "alias", …}: through the gate. Moved: 200 with the
     * history row. Refused by the gate (or a race): 409, the history row in the problem's
     * {@code change}, as the CLI exits 1.
     */
    void promote(Context ctx) {
        Fields f = Fields.of(Json.object(ctx), PROMOTE_KEYS, Map.of());
        String version = f.string("version").orElseThrow(() -> new ApiException(400, "'version' is required: the "
                + "challenger"));
        String alias = f.string("alias").orElseThrow(() -> new ApiException(400, "'alias' is required: the alias to "
                + "move, e.g. production"));
        String name = ctx.pathParam("name");
        Promotion p = Promotion.of(name, version.trim(), alias.trim())
                .withMetric(RunField.parse(f.string("metric").orElse("f1_score")))
                .withMinGain(f.number("min_gain").orElse(0.0)).by(by(f), reason(f));
        if (f.bool("force").orElse(false)) {
            p = p.forced();
        }
        PromotionOutcome o = models().promote(p);
        Map<String, Object> j = RegistryView.change(o.change());
        j.put("moved", o.moved());
        j.put("summary", o.summary());
        if (!o.moved()) {
            throw new ApiException(409, "refused: " + o.summary(), Map.of(), Map.of("change", j));
        }
        live.refresh(name);
        Json.write(ctx, j);
    }

    private String by(Fields f) {
        return f.string("by").orElse(principal);
    }

    private static String reason(Fields f) {
        return f.string("reason").orElse("");
    }
}
