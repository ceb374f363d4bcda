package dev.tributary.runtime.store;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

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
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX)).parse(cron).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule '" + cron + "' is not a Unix cron expression (minute hour"
                    + " day-of-month month day-of-week, e.g. '0 * * * *'): " + e.getMessage(), e);
        }
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
