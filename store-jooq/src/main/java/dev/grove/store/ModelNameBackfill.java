package dev.grove.store;

import static dev.grove.store.db.Tables.TRAINING_RUN;

import dev.grove.registry.ModelNames;
import java.util.List;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the runs recorded without a model name ({@code model_name = ''}, the column's default
 * since schema V3): those recorded before the upgrade, and those a process of the previous
 * release, still running, records after it. Each gets the default name of its dataset,
 * {@link ModelNames#defaultFor}, a rule only Java runs. Called on every open: finding no such
 * row is one index lookup, and running it twice (or in two processes at once) changes nothing
 * more, since only rows still unnamed are written.
 */
final class ModelNameBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(ModelNameBackfill.class);

    private ModelNameBackfill() {
    }

    /** @return how many runs were named */
    static int run(DSLContext ctx, String location) {
        // One UPDATE per dataset path rather than per run: a store has few of them.
        List<String> paths = ctx.selectDistinct(TRAINING_RUN.DATASET_PATH).from(TRAINING_RUN)
                .where(TRAINING_RUN.MODEL_NAME.eq("")).fetch(TRAINING_RUN.DATASET_PATH);
        if (paths.isEmpty()) {
            return 0;
        }
        int named = ctx.transactionResult(tx -> {
            int rows = 0;
            for (String path : paths) {
                rows += tx.dsl().update(TRAINING_RUN)
                        .set(TRAINING_RUN.MODEL_NAME, ModelNames.defaultFor(path))
                        .where(TRAINING_RUN.MODEL_NAME.eq(""), TRAINING_RUN.DATASET_PATH.eq(path))
                        .execute();
            }
            return rows;
        });
        LOG.info("run store {}: named {} run(s) recorded without a model name after their dataset file (e.g. {})",
                location, named, ModelNames.defaultFor(paths.get(0)));
        return named;
    }
}
