package io.datalake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.CdkConfig;
import io.datalake.app.TestApps;
import io.datalake.app.deploy.FakeCloudFormation;
import io.datalake.core.AccessLevel;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import io.datalake.lambda.api.TrustPolicy;
import io.datalake.lambda.api.fakes.FakeIam;
import io.datalake.local.LocalDynamo;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.GrantRecord;
import io.datalake.registry.GrantRegistry;
import io.datalake.registry.RegistrySchema;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;

/** lake deploy-dataset and delete-dataset against a fake CloudFormation endpoint and DynamoDB Local. */
class DeployDatasetCommandTest {
    static final String SALES = Path.of("..", "dataset-templates", "examples", "sales_orders.yaml").toString();
    static final String STACK = "acme-datalake-dev-dataset-sales-orders";
    static final LakeNames NAMES = new LakeNames(CdkConfig.read(TestApps.CDK_JSON).environment("dev"));
    static LocalDynamo local;
    FakeCloudFormation cloudFormation;
    FakeIam iam;
    @TempDir
    Path out;

    @BeforeAll
    static void startDynamo() {
        local = LocalDynamo.start();
    }

    @AfterAll
    static void stopDynamo() throws Exception {
        local.close();
    }

    @BeforeEach
    void start() {
        cloudFormation = FakeCloudFormation.start();
        iam = FakeIam.start();
        try (DynamoDbClient dynamo = local.client()) {
            RegistrySchema.create(dynamo, NAMES, RegistryTable.DATASETS);
            RegistrySchema.create(dynamo, NAMES, RegistryTable.GRANTS);
        }
    }

    @AfterEach
    void stop() {
        cloudFormation.close();
        iam.close();
        try (DynamoDbClient dynamo = local.client()) {
            dynamo.deleteTable(r -> r.tableName(NAMES.registryTable(RegistryTable.DATASETS)));
            dynamo.deleteTable(r -> r.tableName(NAMES.registryTable(RegistryTable.GRANTS)));
        }
    }

    CliRun lake(String typed, String... args) {
        LakeRuntime runtime = new LakeRuntime(region -> CloudFormationClient.builder()
                .endpointOverride(cloudFormation.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build(),
                region -> local.client(), region -> { throw new IllegalStateException("no S3 in this test"); },
                region -> { throw new IllegalStateException("no Athena in this test"); },
                region -> IamClient.builder().endpointOverride(iam.endpoint()).region(Region.AWS_GLOBAL)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .httpClient(UrlConnectionHttpClient.create()).build(),
                Duration.ofMillis(2), new BufferedReader(new StringReader(typed)));
        return CliRun.of(Lake.commandLine(runtime), args);
    }

    CliRun deploy(String... extra) {
        String[] base = {"deploy-dataset", SALES, "--env", "dev", "--config", TestApps.CDK_JSON.toString(), "--out", out.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return lake("", args);
    }

    DatasetRegistry registry() {
        return new DatasetRegistry(local.client(), NAMES);
    }

    @Test
    void createsTheStackShowsTheChangesAndRegistersTheDataset() {
        CliRun run = deploy();
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("+ RolesRead").contains("(AWS::IAM::Role)").contains("(AWS::Glue::Table)")
                .contains("CREATE_COMPLETE").contains("registered dataset sales_orders in acme-datalake-dev-datasets");
        assertThat(cloudFormation.stackStatus(STACK)).contains("CREATE_COMPLETE");
        assertThat(registry().find("sales_orders")).hasValueSatisfying(r -> {
            assertThat(r.tier()).isEqualTo(Tier.INTERNAL);
            assertThat(r.stackName()).isEqualTo(STACK);
            assertThat(r.spec()).contains("\"order_date\"");
        });
    }

    @Test
    void restoresTheGrantsTheApiRecordedWhenTheDeploymentDroppedThem() {
        String role = NAMES.datasetRole("sales_orders", AccessLevel.READ);
        String analyst = "arn:aws:iam::" + FakeIam.ACCOUNT + ":role/marketing-analysts";
        iam.addPrincipal(analyst);
        iam.addPrincipal("arn:aws:iam::" + FakeIam.ACCOUNT + ":role/sales-analysts");
        // The trust policy as CloudFormation writes it from the template: the API's statement is gone.
        iam.createRole(role, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::" + FakeIam.ACCOUNT + ":role/sales-analysts\"},\"Action\":\"sts:AssumeRole\"}]}");
        try (DynamoDbClient dynamo = local.client()) {
            new GrantRegistry(dynamo, NAMES).grant(new GrantRecord("sales_orders", analyst, AccessLevel.READ,
                    "arn:aws:iam::" + FakeIam.ACCOUNT + ":user/owner", Instant.parse("2026-11-20T09:00:00Z")));
        }

        CliRun run = deploy();
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("restored grant: " + analyst + " may assume the read role again (granted by"
                + " arn:aws:iam::" + FakeIam.ACCOUNT + ":user/owner at 2026-11-20T09:00:00Z)");
        TrustPolicy trust = TrustPolicy.parse(iam.trustPolicy(role));
        assertThat(trust.grantedHere(analyst)).isTrue();
        assertThat(iam.trustPolicy(role)).contains("role/sales-analysts");

        CliRun again = deploy();
        assertThat(again.exitCode).as(again.err).isZero();
        assertThat(again.out).doesNotContain("restored grant");
        assertThat(iam.actions()).filteredOn("UpdateAssumeRolePolicy"::equals).hasSize(1);
    }

    @Test
    void aGrantThatCannotBeRestoredFailsTheCommandAfterTheStackIsDeployed() {
        String writer = "arn:aws:iam::" + FakeIam.ACCOUNT + ":role/etl";
        try (DynamoDbClient dynamo = local.client()) {
            new GrantRegistry(dynamo, NAMES).grant(new GrantRecord("sales_orders", writer, AccessLevel.WRITE,
                    "arn:aws:iam::" + FakeIam.ACCOUNT + ":user/owner", Instant.parse("2026-11-20T09:00:00Z")));
        }
        CliRun run = deploy();
        assertThat(run.exitCode).isEqualTo(Lake.DEPLOY_FAILED);
        assertThat(cloudFormation.stackStatus(STACK)).contains("CREATE_COMPLETE");
        assertThat(run.err).startsWith("lake: the stack is deployed, but 1 recorded grant(s) could not be restored: "
                + writer + " (write): role " + NAMES.datasetRole("sales_orders", AccessLevel.WRITE) + " does not exist")
                .endsWith("run lake deploy-dataset again\n");
    }

    @Test
    void deployingTheSameFileAgainChangesNothing() {
        assertThat(deploy().exitCode).isZero();
        CliRun again = deploy();
        assertThat(again.exitCode).as(again.err).isZero();
        assertThat(again.out).contains("no changes");
        assertThat(cloudFormation.stackStatus(STACK)).contains("CREATE_COMPLETE");
    }

    @Test
    void dryRunShowsTheChangesAndLeavesNothingBehind() {
        CliRun run = deploy("--dry-run");
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("+ RolesRead").contains("dry run: nothing was deployed");
        assertThat(cloudFormation.stackNames()).doesNotContain(STACK);
        assertThat(registry().find("sales_orders")).isEmpty();
    }

    @Test
    void aNameCollidingWithARegisteredDatasetIsRefusedBeforeCloudFormationIsAsked() {
        // A name from before today's rule: its Glue table and stack are sales_orders' own.
        registry().register(new io.datalake.registry.DatasetRegistration("sales-orders", Tier.INTERNAL, "team", "", "dev",
                STACK, "{}", Instant.now()));
        for (String mode : new String[] {"--dry-run", null}) {
            CliRun run = mode == null ? deploy() : deploy(mode);
            assertThat(run.exitCode).isEqualTo(Lake.USER_ERROR);
            assertThat(run.err).isEqualTo(SALES + ":4: dataset 'sales_orders' collides with dataset 'sales-orders': both map"
                    + " to Glue table 'sales_orders' and stack 'sales-orders' (registered in dev); rename the dataset\n");
        }
        assertThat(cloudFormation.stackNames()).isEmpty();
        assertThat(registry().find("sales_orders")).isEmpty();
    }

    @Test
    void aBreakingRedeployIsRefusedUnlessAllowed() throws java.io.IOException {
        assertThat(deploy().exitCode).isZero();
        java.nio.file.Path narrowed = java.nio.file.Files.createTempDirectory("narrowed").resolve("sales_orders.yaml");
        java.nio.file.Files.writeString(narrowed, java.nio.file.Files.readString(Path.of(SALES))
                .replace("type: bigint", "type: int"));
        String[] args = {"deploy-dataset", narrowed.toString(), "--env", "dev", "--config", TestApps.CDK_JSON.toString(),
                "--out", out.toString()};
        CliRun refused = lake("", args);
        assertThat(refused.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(refused.err).contains(narrowed + ":17: breaking: column 'order_id' type narrowed from bigint to int");
        assertThat(registry().find("sales_orders").orElseThrow().spec()).contains("bigint");
        String[] allowed = java.util.Arrays.copyOf(args, args.length + 1);
        allowed[args.length] = "--allow-breaking";
        CliRun accepted = lake("", allowed);
        assertThat(accepted.exitCode).as(accepted.err).isZero();
        assertThat(accepted.out).contains("breaking change accepted (--allow-breaking): column 'order_id' type narrowed");
        assertThat(registry().find("sales_orders").orElseThrow().spec()).doesNotContain("bigint");
    }

    @Test
    void aFailedDeploymentNamesTheResourceExitsOneAndRegistersNothing() {
        cloudFormation.failOn(firstRole(), "Invalid principal in policy: arn:aws:iam::123456789012:role/sales-analysts");
        CliRun run = deploy();
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains(firstRole()).contains("Invalid principal in policy").doesNotContain("Exception");
        assertThat(cloudFormation.stackStatus(STACK)).contains("ROLLBACK_COMPLETE");
        assertThat(registry().find("sales_orders")).isEmpty();
    }

    @Test
    void accessDeniedIsOneLineAndExitCodeTwo() {
        cloudFormation.denyAccess();
        CliRun run = deploy();
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err.lines()).hasSize(1).first().asString().startsWith("lake: ");
    }

    @Test
    void deleteAsksForTheNameThenRemovesStackAndRegistryEntryButKeepsData() {
        assertThat(deploy().exitCode).isZero();
        CliRun refused = lake("sales\n", "delete-dataset", "sales_orders", "--env", "dev", "--config", TestApps.CDK_JSON.toString());
        assertThat(refused.exitCode).isEqualTo(2);
        assertThat(refused.err).contains("does not match 'sales_orders'; nothing was deleted");
        assertThat(cloudFormation.stackStatus(STACK)).contains("CREATE_COMPLETE");

        CliRun confirmed = lake("sales_orders\n", "delete-dataset", "sales_orders", "--env", "dev", "--config",
                TestApps.CDK_JSON.toString());
        assertThat(confirmed.exitCode).as(confirmed.err).isZero();
        assertThat(confirmed.out).contains("Type the dataset name to confirm")
                .contains("its data in s3://acme-datalake-dev-internal-eu-west-1/sales_orders/ is kept");
        assertThat(cloudFormation.stackNames()).doesNotContain(STACK);
        assertThat(registry().find("sales_orders")).isEmpty();
    }

    @Test
    void deletingAnUnknownDatasetSaysSo() {
        CliRun run = lake("", "delete-dataset", "nothing_here", "--env", "dev", "--yes", "--config", TestApps.CDK_JSON.toString());
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).isEqualTo("lake: dataset nothing_here has no stack acme-datalake-dev-dataset-nothing-here in dev;"
                + " nothing was deleted\n");
    }

    /** The logical id of the read role, from the template an offline dry run synthesizes. */
    private String firstRole() {
        if (readRole == null) {
            assertThat(deploy("--dry-run", "--offline").exitCode).isZero();
            readRole = io.datalake.app.dataset.TemplateView.read(out.resolve("Dataset-sales_orders.template.json"), "1", "eu-west-1")
                    .resources("AWS::IAM::Role").entrySet().stream()
                    .filter(e -> e.getValue().path("Properties").path("RoleName").asText().endsWith("-read"))
                    .map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
        }
        return readRole;
    }

    private String readRole;
}
