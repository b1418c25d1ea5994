/** The smile trainer: Smile 3.1.1's random forest (GPL-3) behind Grove's trainer SPI. */
module dev.grove.trainer.smile {
    requires dev.grove.core;
    requires smile.core;
    requires smile.base;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;

    // The model file's JSON header is read and written by Jackson.
    opens dev.grove.smile to com.fasterxml.jackson.databind;

    provides dev.grove.train.Trainer with dev.grove.smile.SmileTrainer;
}
