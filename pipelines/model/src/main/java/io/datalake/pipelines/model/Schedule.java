package io.datalake.pipelines.model;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.Messages;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * When a pipeline or job runs on its own, as EventBridge Scheduler takes it (UTC):
 * {@code cron(0 3 * * ? *)} or {@code rate(6 hours)}. A plain five-field cron such as
 * {@code 0 3 * * *} is accepted too when it translates without doubt: EventBridge wants six fields
 * and a {@code ?} in day-of-month or day-of-week, and numbers its weekdays from 1 (Sunday), not 0.
 */
public final class Schedule {
    private static final Pattern AWS_CRON = Pattern.compile("cron\\((\\S+ ){5}\\S+\\)");
    private static final Pattern RATE = Pattern.compile("rate\\(([1-9]\\d{0,5}) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*?/,#LW-]+");
    private static final Pattern NAMED_OR_ANY = Pattern.compile("[*?]|[A-Za-z]{3}([-,][A-Za-z]{3})*");

    private final String expression;

    private Schedule(String expression) {
        this.expression = expression;
    }

    /**
     * @throws LakeConfigException naming the field and the forms a schedule may take
     */
    public static Schedule parse(String field, String text) {
        String given = text == null ? "" : text.trim();
        if (RATE.matcher(given).matches()) {
            String[] amountUnit = given.substring(5, given.length() - 1).split(" ");
            boolean one = amountUnit[0].equals("1");
            if (one == amountUnit[1].endsWith("s")) {
                throw new LakeConfigException(field + " " + Messages.quote(text) + " must say " + (one ? "rate(1 "
                        + amountUnit[1].replaceAll("s$", "") + ")" : "rate(" + amountUnit[0] + " " + amountUnit[1] + "s)")
                        + ": EventBridge wants the singular for 1 and the plural otherwise");
            }
            return new Schedule(given);
        }
        if (AWS_CRON.matcher(given).matches()) {
            String[] fields = given.substring(5, given.length() - 1).split(" ");
            checkFields(field, text, fields);
            if (!fields[2].equals("?") && !fields[4].equals("?")) {
                throw new LakeConfigException(field + " " + Messages.quote(text) + " must have '?' in day-of-month"
                        + " (3rd field) or day-of-week (5th field), as EventBridge requires, e.g. cron(0 3 * * ? *)");
            }
            return new Schedule(given);
        }
        String[] fields = given.split("\\s+");
        if (fields.length == 5) {
            checkFields(field, text, fields);
            String dayOfMonth = fields[2];
            String dayOfWeek = fields[4];
            if (NAMED_OR_ANY.matcher(dayOfWeek).matches()) {
                if (dayOfWeek.equals("*")) {
                    dayOfWeek = "?";
                } else if (dayOfMonth.equals("*")) {
                    dayOfMonth = "?";
                } else {
                    dayOfWeek = null;
                }
                if (dayOfWeek != null) {
                    return new Schedule("cron(" + fields[0] + " " + fields[1] + " " + dayOfMonth + " " + fields[3] + " "
                            + dayOfWeek + " *)");
                }
            }
        }
        throw new LakeConfigException(field + " must be cron(min hour day-of-month month day-of-week year) or"
                + " rate(n minutes|hours|days) as EventBridge Scheduler takes them (UTC), e.g. cron(0 3 * * ? *), or a"
                + " five-field cron with * or weekday names (MON-FRI) in day-of-week, but " + Messages.quote(text)
                + " was given");
    }

    private static void checkFields(String field, String text, String[] fields) {
        for (String f : fields) {
            if (!FIELD.matcher(f).matches()) {
                throw new LakeConfigException(field + " " + Messages.quote(text) + " has a field " + Messages.quote(f)
                        + " with characters cron does not use");
            }
        }
    }

    /** The expression EventBridge Scheduler takes, e.g. {@code cron(0 3 * * ? *)}. */
    public String expression() {
        return expression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule other && expression.equals(other.expression);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression);
    }

    @Override
    public String toString() {
        return expression;
    }
}
