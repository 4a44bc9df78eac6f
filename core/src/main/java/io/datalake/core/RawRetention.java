package io.datalake.core;

import io.datalake.core.dataset.DatasetSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How a dataset's {@code rawRetentionDays} is applied, defined once for the ingest, the tier
 * buckets' lifecycle rules and the local lake. S3 allows 1,000 lifecycle rules per bucket and a
 * tier bucket may hold thousands of datasets, and a lifecycle filter cannot match
 * {@code <any dataset>/raw/}: so the ingest tags every raw object with its dataset's retention
 * ({@value #TAG}{@code =<days>}) and the tier bucket keeps one tag-filtered rule per distinct
 * value among its datasets. Only the ingest may tag, and only under {@code raw/}: objects under
 * {@code data/} and {@code updates/} never carry the tag, so no rule can expire them.
 *
 * <p>The retention counts from the update's creation (its id), whatever its state: an update whose
 * raw files have expired keeps its manifest (which still lists what raw was) and its Parquet data,
 * but can no longer be converted again.
 */
public final class RawRetention {
    /** The object tag that carries the retention in days. */
    public static final String TAG = "lake-raw-retention";
    /** Lifecycle rules S3 allows per bucket, less what the lake's buckets use for themselves. */
    public static final int MAX_RULES = 990;

    private RawRetention() {
    }

    /** The tag's value for a retention. */
    public static String tagValue(int days) {
        if (days < DatasetSpec.MIN_RETENTION_DAYS || days > DatasetSpec.MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException("rawRetentionDays must be from " + DatasetSpec.MIN_RETENTION_DAYS + " to "
                    + DatasetSpec.MAX_RETENTION_DAYS + ", but " + days + " was given");
        }
        return Integer.toString(days);
    }

    /** The id of the lifecycle rule that expires raw objects tagged with this retention. */
    public static String ruleId(int days) {
        return "expire-raw-after-" + tagValue(days) + "-days";
    }

    /** The distinct retentions of a tier's datasets, each needing one lifecycle rule in its bucket. */
    public static SortedSet<Integer> distinct(Collection<DatasetSpec> datasets, Tier tier) {
        SortedSet<Integer> days = new TreeSet<>();
        datasets.stream().filter(d -> d.tier() == tier).forEach(d -> d.rawRetentionDays().ifPresent(days::add));
        if (days.size() > MAX_RULES) {
            throw new LakeConfigException("the " + tier.id() + " tier's datasets use " + days.size() + " different"
                    + " rawRetentionDays values, but a bucket holds at most " + MAX_RULES + " such lifecycle rules;"
                    + " use fewer distinct values");
        }
        return days;
    }

    /** Whether the raw files of an update are past their retention at {@code now}. */
    public static boolean expired(UpdateId update, int days, Instant now) {
        return !update.createdAt().plus(Duration.ofDays(days)).isAfter(now);
    }
}
