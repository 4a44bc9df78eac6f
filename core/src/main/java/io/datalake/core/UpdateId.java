package io.datalake.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The id of one update of a dataset, e.g. {@code 2026-11-21T101500Z-3f9a}: it sorts by the time
 * the update was created, and the random suffix keeps two updates of the same second apart.
 */
public final class UpdateId implements Comparable<UpdateId> {
    /** The shape of an update id. */
    public static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{6}Z-[0-9a-f]{4}");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String value;

    private UpdateId(String value) {
        this.value = value;
    }

    /** A new id for an update created at {@code now}. */
    public static UpdateId create(Instant now, RandomGenerator random) {
        byte[] suffix = new byte[2];
        random.nextBytes(suffix);
        return new UpdateId(TIME.format(now) + "-" + HexFormat.of().formatHex(suffix));
    }

    /**
     * @throws LakeConfigException when the text is not an update id
     */
    public static UpdateId parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            throw new LakeConfigException("update id must look like 2026-11-21T101500Z-3f9a, but '"
                    + text + "' was given");
        }
        return new UpdateId(text);
    }

    /** When the update was created, to the second: its id starts with it. */
    public java.time.Instant createdAt() {
        return java.time.Instant.from(TIME.parse(value.substring(0, value.lastIndexOf('-'))));
    }

    /** The day the update was created, {@code yyyy-MM-dd}, for date tags. */
    public String date() {
        return value.substring(0, 10);
    }

    @Override
    public int compareTo(UpdateId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpdateId other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
