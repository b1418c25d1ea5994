package dev.grove.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Logback's levels, in a class of their own: loaded only when logback is the SLF4J backend. */
final class LogbackLevels {
    private LogbackLevels() {
    }

    static void groveAtInfo() {
        ((Logger) LoggerFactory.getLogger("dev.grove")).setLevel(Level.INFO);
    }
}
