/**
 * Grove core: datasets, the trainer SPI, evaluation, the run record and the training pipeline.
 * Only the API packages are exported; {@code dev.grove.internal*} is shared with Grove's own
 * modules alone (qualified exports), so it can change without breaking an app.
 */
module dev.grove.core {
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires java.sql;
    requires com.cronutils;

    exports dev.grove;
    exports dev.grove.artifact;
    exports dev.grove.data;
    exports dev.grove.eval;
    exports dev.grove.run;
    exports dev.grove.registry;
    exports dev.grove.retrain;
    exports dev.grove.sample;
    exports dev.grove.train;

    exports dev.grove.internal to dev.grove.trainer.smile, dev.grove.trainer.tribuo, dev.grove.store.jooq, dev.grove.cli,
            dev.grove.server;
    exports dev.grove.internal.forest to dev.grove.trainer.smile, dev.grove.trainer.tribuo;

    // Jackson reads and writes sidecars, encodings and run JSON reflectively.
    opens dev.grove.artifact to com.fasterxml.jackson.databind;
    opens dev.grove.data to com.fasterxml.jackson.databind;
    opens dev.grove.eval to com.fasterxml.jackson.databind;
    opens dev.grove.train to com.fasterxml.jackson.databind;
    opens dev.grove.internal to com.fasterxml.jackson.databind;

    uses dev.grove.train.Trainer;
    uses dev.grove.run.RunStoreProvider;
}
