package io.datalake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.CdkConfig;
import io.datalake.app.TestApps;
import io.datalake.app.lake.LocalOnboarding;
import io.datalake.app.query.AthenaQueryTest;
import io.datalake.app.query.FakeAthena;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.UpdateState;
import io.datalake.local.LocalDynamo;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.RegistrySchema;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code lake query --env dev}: the registry in DynamoDB Local, the queries on a fake Athena that runs them. */
class QueryCommandTest {
    static final LakeNames NAMES = new LakeNames(CdkConfig.read(TestApps.CDK_JSON).environment("dev"));
    static final Path EXAMPLES = Path.of("..", "dataset-templates", "examples");
    static final Instant NOW = Instant.parse("2026-11-21T05:00:00Z");
    static final String CONFIG = TestApps.CDK_JSON.toString();

    static LocalDynamo dynamo;
    FakeAthena athena;

    @BeforeAll
    static void startDynamo() {
        dynamo = LocalDynamo.start();
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
    }

    @BeforeEach
    void registerDatasets() {
        try (DynamoDbClient client = dynamo.client()) {
            RegistrySchema.create(client, NAMES, RegistryTable.DATASETS);
            RegistrySchema.create(client, NAMES, RegistryTable.UPDATES);
            for (String name : new String[] {"sales_orders", "web_events"}) {
                Path file = EXAMPLES.resolve(name + ".yaml");
                DatasetSpec spec = DatasetFiles.load(file);
                new DatasetRegistry(client, NAMES).register(new DatasetRegistration(name, spec.tier(), spec.owner(),
                        spec.description(), "dev", NAMES.datasetStack(name), LocalOnboarding.specJson(file), NOW));
            }
            UpdateRegistry updates = new UpdateRegistry(client, NAMES);
            update(updates, AthenaQueryTest.OLD_UPDATE, UpdateState.COMPLETE);
            update(updates, "2026-11-21T020000Z-0a0b", UpdateState.COMPLETE);
            // Newer, but not complete: a query must not read it.
            update(updates, "2026-11-21T050000Z-0e0e", UpdateState.RAW_COMPLETE);
            update(updates, "2026-11-21T040000Z-0f0f", UpdateState.COMPLETE, "web_events");
        }
        athena = FakeAthena.start(Set.of("acme-datalake-dev-ds-sales_orders", "acme-datalake-dev-ds-web_events"));
        AthenaQueryTest.createOrdersTable(athena);
    }

    private static void update(UpdateRegistry updates, String id, UpdateState state) {
        update(updates, id, state, "sales_orders");
    }

    private static void update(UpdateRegistry updates, String id, UpdateState state, String dataset) {
        updates.create(new UpdateRecord(dataset, UpdateId.parse(id), state, "drop:" + id, dataset + "/" + id, 1, null,
                NOW, NOW, null));
    }

    @AfterEach
    void dropTables() {
        athena.close();
        try (DynamoDbClient client = dynamo.client()) {
            for (RegistryTable table : new RegistryTable[] {RegistryTable.DATASETS, RegistryTable.UPDATES}) {
                if (client.listTables().tableNames().contains(NAMES.registryTable(table))) {
                    client.deleteTable(r -> r.tableName(NAMES.registryTable(table)));
                }
            }
        }
    }

    CliRun lake(String... args) {
        LakeRuntime runtime = new LakeRuntime(region -> null, region -> dynamo.client(),
                region -> S3Client.builder().region(Region.of(region)).build(), region -> athena.client(), region -> null,
                Duration.ofMillis(1), new BufferedReader(new StringReader("")));
        return CliRun.of(Lake.commandLine(runtime), args);
    }

    @Test
    void queriesTheLatestCompleteUpdateThroughAthenaInTheDatasetsWorkgroup() {
        CliRun run = lake("query", "SELECT store_country, sum(amount_eur) AS total FROM sales_orders GROUP BY 1 ORDER BY 2 DESC",
                "--env", "dev", "--config", CONFIG, "--format", "csv");
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).isEqualTo("store_country,total\nAT,40.00\nDE,25.50\nFR,10.00\nNL,7.00\nIT,3.00\n");
        assertThat(run.err).isEqualTo("5 row(s) from [sales_orders@2026-11-21T020000Z-0a0b] in workgroup"
                + " acme-datalake-dev-ds-sales_orders; scanned 500 bytes in 1234 ms"
                + " (query 00000000-0000-4000-a000-000000000001)\n");
    }

    @Test
    void showsTheBoundStatementWithoutRunningIt() {
        CliRun run = lake("query", "SELECT count(*) FROM sales_orders", "--env", "dev", "--config", CONFIG, "--show-sql");
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).startsWith("-- workgroup acme-datalake-dev-ds-sales_orders, database acme_datalake_dev_internal\n"
                + "WITH \"sales_orders\" AS (SELECT ").contains("WHERE \"update_id\" = '2026-11-21T020000Z-0a0b')\n")
                .endsWith("SELECT count(*) FROM sales_orders;\n");
        assertThat(athena.operations()).isEmpty();
    }

    @Test
    void userMistakesAreOneLineWithExitCodeTwo() {
        CliRun mixed = lake("query", "SELECT count(*) FROM sales_orders, web_events", "--env", "dev", "--config", CONFIG);
        assertThat(mixed.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(mixed.err).isEqualTo("lake: the query reads sales_orders (internal), web_events (restricted), which"
                + " have no workgroup in common; choose the one whose readers may see the result with --workgroup\n");
        CliRun wrongSql = lake("query", "SELECT nope FROM sales_orders", "--env", "dev", "--config", CONFIG);
        assertThat(wrongSql.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(wrongSql.err).startsWith("lake: Athena refused the query: ").contains("nope").doesNotContain("\tat ");
        assertThat(wrongSql.err.lines()).hasSize(1);
    }

    @Test
    void aFailedQueryOrAMissingRegistryIsAFaultWithExitCodeOne() {
        athena.failNextWithSystemError();
        CliRun failed = lake("query", "SELECT count(*) FROM sales_orders", "--env", "dev", "--config", CONFIG);
        assertThat(failed.exitCode).isEqualTo(Lake.DEPLOY_FAILED);
        assertThat(failed.err).startsWith("lake: Athena query ").contains("failed: GENERIC_INTERNAL_ERROR");

        try (DynamoDbClient client = dynamo.client()) {
            client.deleteTable(r -> r.tableName(NAMES.registryTable(RegistryTable.UPDATES)));
        }
        CliRun noRegistry = lake("query", "SELECT count(*) FROM sales_orders", "--env", "dev", "--config", CONFIG);
        assertThat(noRegistry.exitCode).isEqualTo(Lake.DEPLOY_FAILED);
        assertThat(noRegistry.err).isEqualTo("lake: the registry table acme-datalake-dev-updates does not exist:"
                + " deploy the environment first\n");
    }
}
