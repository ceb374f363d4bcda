package dev.tributary.runtime.store;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * When the server syncs a data source on its own: a Unix cron expression (five fields: minute, hour, day of month,
 * month, day of week; e.g. {@code 0 * * * *} for hourly) read in a time zone.
 *
 * @param cron the expression, checked with cron-utils' Unix definition
 * @param zone the time zone the expression is read in; UTC unless given
 */
public record Schedule(String cron, ZoneId zone) {

    public Schedule {
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(zone, "zone");
        cron = cron.trim();
        try {
            parse(cron);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule '" + cron + "' is not a Unix cron expression (minute hour"
                    + " day-of-month month day-of-week, e.g. '0 * * * *'): " + e.getMessage(), e);
        }
    }

    private static Cron parse(String cron) {
        return new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX)).parse(cron).validate();
    }

    /**
     * The first time strictly after {@code after} at which the schedule fires, read in its zone; absent when it
     * never fires again (an expression such as February 30th).
     */
    public Optional<Instant> nextAfter(Instant after) {
        return ExecutionTime.forCron(parse(cron)).nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** A schedule in UTC. */
    public static Schedule utc(String cron) {
        return new Schedule(cron, ZoneOffset.UTC);
    }

    /**
     * A schedule in the named zone, e.g. {@code Europe/Paris}.
     *
     * @throws IllegalArgumentException naming the zone when it is unknown, or the expression when it is invalid
     */
    public static Schedule of(String cron, String zone) {
        try {
            return new Schedule(cron, ZoneId.of(zone.trim()));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("schedule time zone '" + zone + "' is unknown; use a region such as"
                    + " Europe/Paris or an offset such as +02:00", e);
        }
    }
}
