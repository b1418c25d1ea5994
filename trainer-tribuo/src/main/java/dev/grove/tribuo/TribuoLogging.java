package dev.grove.tribuo;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tribuo logs an INFO line per tree through java.util.logging; a forest of hundreds of trees
 * would flood the embedding application's log. Unless the application has set a level for
 * {@code org.tribuo} itself (which is then left alone), it is lowered to WARNING. The logger is
 * held here because JUL keeps only weak references: a level set on an unreferenced logger is lost
 * when it is garbage-collected.
 */
final class TribuoLogging {
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

    static {
        if (TRIBUO.getLevel() == null) {
            TRIBUO.setLevel(Level.WARNING);
        }
    }

    private TribuoLogging() {
    }

    /** Loads this class, which sets the default level once; cheap to call on every fit. */
    static void quiet() {
        // the static initialiser did the work
    }
}
