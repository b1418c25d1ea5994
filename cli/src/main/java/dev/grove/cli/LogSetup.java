package dev.grove.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The command line's logging, set in code (found by logback through {@code META-INF/services}):
 * parsing an XML configuration took about a tenth of a second of every {@code grove} run. Logs go
 * to stderr so stdout stays clean for results and JSON, and only warnings show unless
 * {@code --verbose}. A configuration file named by {@code -Dlogback.configurationFile} replaces
 * all of this.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        // Smile logs a line per tree, Flyway and jOOQ a banner per run: quiet unless asked.
        context.getLogger("smile").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("org.jooq").setLevel(Level.WARN);
        context.getLogger("dev.grove").setLevel(Level.WARN);
        // When several grove processes create one SQLite store at once, the losers' first migration
        // attempt fails and SchemaGuard retries it; DbMigrate logs that attempt at ERROR although the
        // command succeeds. A migration that really fails reaches the user as a RunStoreException.
        context.getLogger("org.flywaydb.core.internal.command.DbMigrate").setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
