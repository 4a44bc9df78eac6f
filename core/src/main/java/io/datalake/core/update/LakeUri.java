package io.datalake.core.update;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.UpdateId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address of a dataset's update: {@code lake://<dataset>[:tag]}. Without a tag it is a live
 * dependency (the latest complete update, and a pipeline reading it re-runs when a new one
 * completes); {@code latest} is the latest complete update without that trigger; {@code YYYY-MM-DD}
 * the last complete update of that day; an integer the update at that index of the complete
 * updates in order, counting from 0, or from -1 backwards.
 */
public final class LakeUri {
    private static final Pattern URI = Pattern.compile("lake://([^:/]+)(?::([^:/]+))?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INDEX = Pattern.compile("-?\\d{1,9}");

    /** What a tag selects. */
    public enum Kind { LIVE, LATEST, DATE, INDEX }

    private final String dataset;
    private final Kind kind;
    private final String tag;

    private LakeUri(String dataset, Kind kind, String tag) {
        this.dataset = dataset;
        this.kind = kind;
        this.tag = tag;
    }

    /**
     * @throws LakeConfigException saying what a lake URI looks like when the text is not one
     */
    public static LakeUri parse(String text) {
        Matcher m = text == null ? null : URI.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new LakeConfigException("a dataset address must look like lake://<dataset>[:latest|:YYYY-MM-DD|:<index>],"
                    + " but '" + text + "' was given");
        }
        String dataset = DatasetLayout.checkName(m.group(1));
        String tag = m.group(2);
        if (tag == null) {
            return new LakeUri(dataset, Kind.LIVE, null);
        }
        if (tag.equals("latest")) {
            return new LakeUri(dataset, Kind.LATEST, tag);
        }
        if (DATE.matcher(tag).matches()) {
            try {
                java.time.LocalDate.parse(tag);
            } catch (java.time.format.DateTimeParseException e) {
                throw new LakeConfigException("the date of " + text + " is not a calendar date");
            }
            return new LakeUri(dataset, Kind.DATE, tag);
        }
        if (INDEX.matcher(tag).matches()) {
            return new LakeUri(dataset, Kind.INDEX, tag);
        }
        throw new LakeConfigException("the tag of " + text + " must be latest, a date YYYY-MM-DD or an index such as 0 or -1,"
                + " but '" + tag + "' was given");
    }

    public String dataset() {
        return dataset;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a new complete update of the dataset should trigger whoever reads this address. */
    public boolean live() {
        return kind == Kind.LIVE;
    }

    /**
     * The update this address selects among a dataset's complete updates.
     *
     * @param complete the complete updates, in any order
     */
    public Optional<UpdateId> resolve(List<UpdateId> complete) {
        List<UpdateId> sorted = complete.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        return switch (kind) {
            case LIVE, LATEST -> Optional.of(sorted.get(sorted.size() - 1));
            case DATE -> sorted.stream().filter(u -> u.date().equals(tag)).reduce((a, b) -> b);
            case INDEX -> {
                int index = Integer.parseInt(tag);
                int at = index < 0 ? sorted.size() + index : index;
                yield at >= 0 && at < sorted.size() ? Optional.of(sorted.get(at)) : Optional.empty();
            }
        };
    }

    @Override
    public String toString() {
        return "lake://" + dataset + (tag == null ? "" : ":" + tag);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LakeUri other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
