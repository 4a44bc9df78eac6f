package io.datalake.locallake;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.RawRetention;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local lake's stand-in for the tier buckets' raw-retention lifecycle rules ({@link RawRetention}):
 * s3proxy keeps no object tags and runs no lifecycle, so the lake deletes the raw files of every
 * update older than its dataset's {@code rawRetentionDays} itself, at start and then periodically.
 * It deletes under {@code <dataset>/raw/<update>/} only: the Parquet data and the manifest (which
 * still lists what the raw files were) stay, as on AWS.
 */
public final class RawExpiry {
    /** How often the running lake looks for expired raw files. */
    public static final Duration INTERVAL = Duration.ofHours(1);

    private final LocalLake lake;
    private final Clock clock;
    private Instant last;

    public RawExpiry(LocalLake lake, Clock clock) {
        this.lake = Objects.requireNonNull(lake, "lake");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Expires what is due when {@link #INTERVAL} has passed since the last sweep (or there was none). */
    public int sweepIfDue() {
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.plus(INTERVAL))) {
            return 0;
        }
        last = now;
        return sweep(now);
    }

    /** Deletes the raw files of every update past its dataset's retention at {@code now}; returns how many. */
    public int sweep(Instant now) {
        int deleted = 0;
        for (DatasetRegistration registration : new DatasetRegistry(lake.dynamo(), lake.names()).list()) {
            DatasetSpec spec;
            try {
                spec = DatasetFiles.parse(registration.dataset() + " (registry)", registration.spec());
            } catch (LakeConfigException e) {
                continue; // a registration this version cannot read has no retention it can apply
            }
            if (spec.rawRetentionDays().isEmpty()) {
                continue;
            }
            int days = spec.rawRetentionDays().getAsInt();
            String bucket = lake.names().dataBucket(spec.tier());
            String raw = DatasetLayout.rawPrefix(spec.name());
            List<String> keys = lake.s3().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(raw)).contents().stream()
                    .map(S3Object::key).filter(k -> !k.endsWith("/")).toList();
            for (String key : keys) {
                String rest = key.substring(raw.length());
                int slash = rest.indexOf('/');
                if (slash < 0 || !UpdateId.FORMAT.matcher(rest.substring(0, slash)).matches()) {
                    continue;
                }
                if (RawRetention.expired(UpdateId.parse(rest.substring(0, slash)), days, now)) {
                    lake.s3().deleteObject(r -> r.bucket(bucket).key(key));
                    deleted++;
                }
            }
        }
        return deleted;
    }
}
