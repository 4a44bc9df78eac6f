package io.datalake.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import io.datalake.local.LocalDynamo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The registry against DynamoDB Local over HTTP, with the table keyed as the Registry construct keys it. */
class DatasetRegistryTest {
    static final LakeNames NAMES = new LakeNames(Environment.builder().org("acme").name("dev").region("eu-west-1").build());
    static final String TABLE = NAMES.registryTable(RegistryTable.DATASETS);
    static LocalDynamo local;
    static DynamoDbClient dynamo;

    final DatasetRegistry registry = new DatasetRegistry(dynamo, NAMES);

    @BeforeAll
    static void startDynamo() {
        local = LocalDynamo.start();
        dynamo = local.client();
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
        local.close();
    }

    @BeforeEach
    void createTable() {
        RegistrySchema.create(dynamo, NAMES, RegistryTable.DATASETS);
    }

    @AfterEach
    void dropTable() {
        dynamo.deleteTable(r -> r.tableName(TABLE));
    }

    @Test
    void findsWhatWasRegistered() {
        DatasetRegistration sales = registration("sales", "Daily sales per shop");

        registry.register(sales);

        assertThat(registry.find("sales")).contains(sales);
        assertThat(registry.find("returns")).isEmpty();
        assertThat(dynamo.getItem(r -> r.tableName(TABLE).key(Map.of("dataset", AttributeValue.fromS("sales")))).item())
                .as("the item is keyed by RegistryTable.DATASETS.partitionKey()")
                .containsKeys("dataset", "tier", "owner", "description", "env", "stackName", "spec", "deployedAt");
    }

    @Test
    void recordsDownstreamsOnceEachAndKeepsThemWhenTheDatasetIsRegisteredAgain() {
        registry.register(registration("sales", "Daily sales"));
        registry.addDownstream("sales", "daily_sales");
        registry.addDownstream("sales", "daily_sales");
        registry.addDownstream("sales", "churn");
        assertThat(registry.downstreams("sales")).containsExactly("churn", "daily_sales");

        registry.register(registration("sales", "Daily sales, now with returns"));
        assertThat(registry.find("sales")).hasValueSatisfying(r -> assertThat(r.description())
                .isEqualTo("Daily sales, now with returns"));
        assertThat(registry.downstreams("sales")).containsExactly("churn", "daily_sales");

        // An upstream the registry does not know gets no item of downstreams alone.
        registry.addDownstream("ghost", "daily_sales");
        assertThat(registry.find("ghost")).isEmpty();
        assertThat(registry.downstreams("ghost")).isEmpty();
        assertThat(registry.downstreams("daily_sales")).isEmpty();
    }

    @Test
    void registeringAgainReplacesTheRecord() {
        registry.register(registration("sales", "Daily sales"));
        DatasetRegistration changed = new DatasetRegistration("sales", Tier.RESTRICTED, "finance-team", "",
                "dev", "acme-datalake-dev-dataset-sales", "{\"name\":\"sales\",\"tier\":\"restricted\"}",
                Instant.parse("2026-11-23T08:00:00Z"));

        registry.register(changed);

        assertThat(registry.find("sales")).contains(changed);
        assertThat(registry.list()).containsExactly(changed);
    }

    @Test
    void listsEveryDatasetAcrossPagesInNameOrder() {
        List<String> names = List.of("sales", "returns", "stock", "customers", "prices");
        names.forEach(name -> registry.register(registration(name, "about " + name)));

        List<DatasetRegistration> listed = new DatasetRegistry(dynamo, TABLE, 2).list();

        assertThat(listed).extracting(DatasetRegistration::dataset)
                .containsExactly("customers", "prices", "returns", "sales", "stock");
        assertThat(registry.list()).isEqualTo(listed);
    }

    @Test
    void deregisterForgetsTheDatasetAndIgnoresUnknownOnes() {
        IntStream.range(0, 2).forEach(i -> registry.register(registration("set" + i, "")));

        registry.deregister("set0");
        registry.deregister("never-registered");

        assertThat(registry.find("set0")).isEmpty();
        assertThat(registry.list()).extracting(DatasetRegistration::dataset).containsExactly("set1");
    }

    @Test
    void aMissingTableIsOneLineSayingWhatToDo() {
        DatasetRegistry elsewhere = new DatasetRegistry(dynamo,
                new LakeNames(Environment.builder().org("acme").name("uat").region("eu-west-1").build()));

        assertThatThrownBy(() -> elsewhere.register(registration("sales", "")))
                .isInstanceOf(RegistryException.class)
                .hasMessage("the registry table acme-datalake-uat-datasets does not exist: deploy the environment first");
    }

    static DatasetRegistration registration(String dataset, String description) {
        return new DatasetRegistration(dataset, Tier.INTERNAL, "sales-team", description, "dev",
                "acme-datalake-dev-dataset-" + dataset, "{\"name\":\"" + dataset + "\",\"tier\":\"internal\"}",
                Instant.parse("2026-11-22T10:15:00Z"));
    }
}
