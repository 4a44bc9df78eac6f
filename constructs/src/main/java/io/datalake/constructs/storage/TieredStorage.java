package io.datalake.constructs.storage;

import io.datalake.core.Tier;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * The lake's data storage: for every tier enabled in the environment's settings, a data bucket and
 * its own KMS key ({@link TierBucket}). Access is granted per tier and dataset prefix.
 */
public class TieredStorage extends Construct {
    private final Map<Tier, TierBucket> tiers = new EnumMap<>(Tier.class);

    public TieredStorage(Construct scope, String id, TieredStorageProps props) {
        super(scope, id);
        for (Tier tier : props.names().environment().settings().enabledTiers()) {
            tiers.put(tier, new TierBucket(this, idOf(tier), TierBucketProps.builder()
                    .names(props.names())
                    .tier(tier)
                    .accessLogBucket(props.accessLogBucket())
                    .build()));
        }
    }

    /** The construct id of a tier's children: {@code Internal}, {@code Restricted}, {@code Sensitive}. */
    public static String idOf(Tier tier) {
        return tier.id().substring(0, 1).toUpperCase(Locale.ROOT) + tier.id().substring(1);
    }

    /**
     * The storage of one tier.
     *
     * @throws IllegalArgumentException when the tier is not enabled in this environment
     */
    public TierBucket tier(Tier tier) {
        TierBucket bucket = tiers.get(tier);
        if (bucket == null) {
            throw new IllegalArgumentException("tier '" + tier.id() + "' is not enabled in this environment;"
                    + " enabled tiers are " + tiers.keySet().stream().map(Tier::id).collect(Collectors.joining(", ")));
        }
        return bucket;
    }

    /** The enabled tiers' storage, in tier order. */
    public Collection<TierBucket> tiers() {
        return Collections.unmodifiableCollection(tiers.values());
    }

    /** See {@link TierBucket#grantRead}. */
    public Grant grantRead(IGrantable grantee, Tier tier, String datasetPrefix) {
        return tier(tier).grantRead(grantee, datasetPrefix);
    }

    /** See {@link TierBucket#grantWrite}. */
    public Grant grantWrite(IGrantable grantee, Tier tier, String keyPrefix) {
        return tier(tier).grantWrite(grantee, keyPrefix);
    }
}
