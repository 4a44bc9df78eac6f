package io.datalake.constructs.catalog;

import io.datalake.constructs.access.Grants;
import io.datalake.constructs.storage.TierBucket;
import io.datalake.constructs.storage.TieredStorage;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * The lake's catalog: per enabled tier, a Glue database that holds the tier's dataset tables and
 * a {@link QueryWorkgroup} that queries them, writing results under the tier's prefix of the
 * results bucket, encrypted with the tier's key.
 */
public class LakeCatalog extends Construct {
    private final LakeNames names;
    private final Map<Tier, CfnDatabase> databases = new EnumMap<>(Tier.class);
    private final Map<Tier, QueryWorkgroup> workgroups = new EnumMap<>(Tier.class);

    public LakeCatalog(Construct scope, String id, LakeCatalogProps props) {
        super(scope, id);
        this.names = props.names();
        for (TierBucket tier : props.storage().tiers()) {
            Tier t = tier.tier();
            String tierId = TieredStorage.idOf(t);
            databases.put(t, CfnDatabase.Builder.create(this, tierId + "Database")
                    .catalogId(Stack.of(this).getAccount())
                    .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                            .name(names.glueDatabase(t))
                            .description("Tables of the " + t.id() + "-tier datasets of " + names.environmentStack())
                            .locationUri("s3://" + names.dataBucket(t) + "/")
                            .build())
                    .build());
            workgroups.put(t, new QueryWorkgroup(this, tierId + "WorkGroup", QueryWorkgroupProps.builder()
                    .workgroupName(names.athenaWorkgroup(t))
                    .description("Queries over the " + t.id() + "-tier datasets of " + names.environmentStack())
                    .resultsBucket(props.resultsBucket())
                    .resultsPrefix(names.athenaResultsPrefix(t))
                    .resultsKey(tier.key())
                    .bytesScannedCutoff(names.environment().settings().bytesScannedCutoff())
                    .build()));
        }
    }

    /** The Glue database of a tier. */
    public CfnDatabase database(Tier tier) {
        return require(databases, tier);
    }

    /** The Athena workgroup of a tier. */
    public QueryWorkgroup workgroup(Tier tier) {
        return require(workgroups, tier);
    }

    /**
     * Lets the grantee query every table of a tier through the tier's workgroup: see
     * {@link QueryWorkgroup#grantQuery}, plus Glue read actions ({@link Grants#GLUE_READ_ACTIONS}) on the
     * tier's database and all its tables. Reading the data itself is granted by the tier's storage.
     */
    public Grant grantQuery(IGrantable grantee, Tier tier) {
        return require(workgroups, tier).grantQuery(grantee)
                .combine(Grants.glueTables(this, grantee, Grants.GLUE_READ_ACTIONS, names.glueDatabase(tier), List.of("*")));
    }

    private static <T> T require(Map<Tier, T> map, Tier tier) {
        T value = map.get(tier);
        if (value == null) {
            throw new IllegalArgumentException("tier '" + tier.id() + "' is not enabled in this environment");
        }
        return value;
    }
}
