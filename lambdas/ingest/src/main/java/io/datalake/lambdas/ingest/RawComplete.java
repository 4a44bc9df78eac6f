package io.datalake.lambdas.ingest;

import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import java.util.Objects;

/**
 * An update whose raw files are copied and listed in its {@code raw-complete} manifest: what the
 * conversion to Parquet needs to start.
 *
 * @param dataset the dataset
 * @param update the update
 * @param tier the dataset's tier
 * @param bucket the tier's data bucket
 * @param manifestKey the manifest's key in that bucket
 */
public record RawComplete(String dataset, UpdateId update, Tier tier, String bucket, String manifestKey) {
    public RawComplete {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(manifestKey, "manifestKey");
    }
}
