package dev.todolist.backup.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** A unix cron expression (5 fields, e.g. {@code 0 2 * * *}) evaluated in one time zone. */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** No sane schedule has more fire times than this between two instants we compare. */
    private static final int MAX_COUNTED = 100_000;

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ZoneId zone) {
        this.expression = expression;
        this.zone = zone;
        this.executionTime = ExecutionTime.forCron(PARSER.parse(expression.trim()).validate());
    }

    /** @throws IllegalArgumentException naming what is wrong with the expression */
    public static CronSchedule parse(String expression, ZoneId zone) {
        try {
            return new CronSchedule(expression, zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression \"" + expression
                    + "\" (expected 5 fields: minute hour day-of-month month day-of-week): " + e.getMessage(), e);
        }
    }

    /** The first fire time strictly after {@code time}. */
    public ZonedDateTime next(ZonedDateTime time) {
        Optional<ZonedDateTime> next = executionTime.nextExecution(time.withZoneSameInstant(zone));
        return next.orElseThrow(() -> new IllegalStateException("cron \"" + expression + "\" never fires after " + time));
    }

    /** The last fire time strictly before {@code time}, if any. */
    public Optional<ZonedDateTime> previous(ZonedDateTime time) {
        return executionTime.lastExecution(time.withZoneSameInstant(zone));
    }

    /** Fire times in {@code (after, upTo]}. */
    public int countBetween(ZonedDateTime after, ZonedDateTime upTo) {
        int count = 0;
        for (ZonedDateTime fire = next(after); !fire.isAfter(upTo) && count < MAX_COUNTED; fire = next(fire)) {
            count++;
        }
        return count;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return expression + " (" + zone + ")";
    }
}
