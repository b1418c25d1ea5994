/** The tribuo trainer: Tribuo 4.3.2's random forest (Apache-2) behind Grove's trainer SPI. */
module dev.grove.trainer.tribuo {
    requires dev.grove.core;
    requires org.tribuo.core;
    requires org.tribuo.classification.core;
    requires org.tribuo.classification.dtree;
    requires org.tribuo.common.tree;
    requires com.oracle.labs.mlrg.olcut;
    requires org.slf4j;
    requires java.logging;
    requires com.fasterxml.jackson.databind;

    // OLCUT reads the trainers' @Config fields reflectively (configuration and provenance).
    opens dev.grove.tribuo to com.oracle.labs.mlrg.olcut, com.fasterxml.jackson.databind;

    provides dev.grove.train.Trainer with dev.grove.tribuo.TribuoTrainer;
}
