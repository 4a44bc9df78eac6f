package io.datalake.constructs.catalog;

import io.datalake.core.RegistryTable;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import io.datalake.constructs.storage.DataRetention;
import software.constructs.Construct;

/**
 * The lake's registry in DynamoDB: one table per {@link RegistryTable} (datasets, updates, grants,
 * runs, deliveries), on-demand, encrypted with the platform key, with point-in-time recovery and deletion
 * protection, retained on stack deletion. S3 stays the source of truth; the registry is the fast
 * index the API and CLI read.
 */
public class Registry extends Construct {
    private final Map<RegistryTable, Table> tables = new EnumMap<>(RegistryTable.class);
    private final software.amazon.awscdk.services.kms.IKey key;

    public Registry(Construct scope, String id, RegistryProps props) {
        super(scope, id);
        this.key = props.encryptionKey();
        for (RegistryTable kind : RegistryTable.values()) {
            String name = kind.id();
            Table.Builder table = Table.Builder.create(this, name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1))
                    .tableName(props.names().registryTable(kind))
                    .partitionKey(Attribute.builder().name(kind.partitionKey()).type(AttributeType.STRING).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .encryption(TableEncryption.CUSTOMER_MANAGED)
                    .encryptionKey(props.encryptionKey())
                    .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                            .pointInTimeRecoveryEnabled(true)
                            .build())
                    .deletionProtection(true)
                    .removalPolicy(DataRetention.removalPolicy(this));
            if (kind == RegistryTable.DELIVERIES) {
                table.timeToLiveAttribute(RegistryTable.EXPIRES_AT);
            }
            if (kind.sortKey() != null) {
                table.sortKey(Attribute.builder().name(kind.sortKey()).type(AttributeType.STRING).build());
            }
            tables.put(kind, table.build());
        }
    }

    /** One table of the registry. */
    public ITable table(RegistryTable kind) {
        return tables.get(kind);
    }

    /**
     * Lets the grantee make exactly these item calls on one table (least privilege, where the CDK's
     * {@code grantReadWriteData} would add Scan, batch writes and deletes), and use the table key for
     * them only through DynamoDB: {@code kms:Decrypt}, plus {@code kms:GenerateDataKey} when an action writes.
     */
    public Grant grantItems(IGrantable grantee, RegistryTable kind, java.util.List<String> actions) {
        boolean writes = actions.stream().anyMatch(a -> a.matches("dynamodb:(Put|Update|Delete|BatchWrite)Item"));
        return io.datalake.constructs.access.Grants.onPrincipal(grantee, actions, java.util.List.of(tables.get(kind).getTableArn()))
                .combine(io.datalake.constructs.access.Grants.onPrincipal(grantee,
                        writes ? java.util.List.of("kms:Decrypt", "kms:GenerateDataKey") : java.util.List.of("kms:Decrypt"),
                        java.util.List.of(key.getKeyArn()), java.util.Map.of("StringEquals", java.util.Map.of("kms:ViaService",
                                "dynamodb." + software.amazon.awscdk.Stack.of(this).getRegion() + ".amazonaws.com"))));
    }

    /** Lets the grantee read every registry table (and decrypt them). */
    public Grant grantReadData(IGrantable grantee) {
        return grantAll(table -> table.grantReadData(grantee));
    }

    /** Lets the grantee read and write every registry table (and use their key). */
    public Grant grantReadWriteData(IGrantable grantee) {
        return grantAll(table -> table.grantReadWriteData(grantee));
    }

    private Grant grantAll(Function<Table, Grant> grant) {
        return tables.values().stream().map(grant).reduce(Grant::combine).orElseThrow();
    }
}
