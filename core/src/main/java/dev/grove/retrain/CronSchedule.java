package dev.grove.retrain;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.grove.InvalidRequestException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** A Unix cron expression (five fields, UTC), read by cron-utils. */
final class CronSchedule {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ExecutionTime times;

    private CronSchedule(ExecutionTime times) {
        this.times = times;
    }

    static CronSchedule parse(String expression) {
        try {
            return new CronSchedule(ExecutionTime.forCron(UNIX.parse(expression.trim())));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("'" + expression + "' is not a Unix cron expression (five fields: minute "
                    + "hour day-of-month month day-of-week, e.g. '0 3 * * *' for 03:00 UTC every day): " + e.getMessage());
        }
    }

    /** The first time of the schedule strictly after {@code after}. */
    Optional<Instant> next(Instant after) {
        return times.nextExecution(after.atZone(ZoneOffset.UTC)).map(z -> z.toInstant());
    }
}
