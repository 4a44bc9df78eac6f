package io.datalake.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.app.stacks.DatasetStack;
import io.datalake.app.stacks.DatasetStackProps;
import io.datalake.constructs.checks.LakeChecks;
import io.datalake.constructs.checks.LakeInvariants;
import io.datalake.core.AccessLevel;
import io.datalake.core.LakeNames;
import io.datalake.core.dataset.DatasetFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;

/** The lake's own invariants find what cdk-nag does not, and fail synthesis like nag's errors. */
class LakeInvariantsTest {

    private static List<String> errors(Stack stack, String rule) {
        return Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("\\[" + rule + "\\].*")).stream()
                .map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
    }

    @Test
    void dataThatIsDeletedWithItsStackIsRefused() {
        App app = new App();
        Stack stack = new Stack(app, "Careless");
        Bucket.Builder.create(stack, "Scratch").encryption(BucketEncryption.S3_MANAGED).removalPolicy(RemovalPolicy.DESTROY).build();
        Table.Builder.create(stack, "Items").partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .removalPolicy(RemovalPolicy.DESTROY).build();
        Key.Builder.create(stack, "Kept").build();
        LakeChecks.apply(app);
        CloudAssembly assembly = app.synth();
        assertThat(errors(stack, LakeInvariants.RETAIN)).hasSize(2)
                .anySatisfy(e -> assertThat(e).startsWith("/Careless/Scratch/Resource: [Lake-Retain] AWS::S3::Bucket must be retained"))
                .anySatisfy(e -> assertThat(e).startsWith("/Careless/Items/Resource: [Lake-Retain] AWS::DynamoDB::Table"));
        assertThatThrownBy(() -> LakeApp.checkFindings(assembly)).isInstanceOf(LakeApp.FindingsException.class)
                .hasMessageContaining("[Lake-Retain]");
    }

    @Test
    void s3AndKmsOnEveryResourceAreRefusedButOtherServicesAreNagsConcern() {
        App app = new App();
        Stack stack = new Stack(app, "Careless");
        Role role = Role.Builder.create(stack, "Reader").assumedBy(new AccountRootPrincipal()).build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().actions(List.of("s3:GetObject", "logs:PutLogEvents"))
                .resources(List.of("*")).build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().actions(List.of("kms:Decrypt"))
                .resources(List.of("*")).build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create().actions(List.of("xray:PutTraceSegments"))
                .resources(List.of("*")).build());
        LakeChecks.apply(app);
        app.synth();
        assertThat(errors(stack, LakeInvariants.DATA_WILDCARD)).containsExactlyInAnyOrder(
                "/Careless/Reader/DefaultPolicy/Resource: [Lake-DataWildcard] s3:GetObject allowed on \"*\": scope S3"
                        + " and KMS access to buckets, prefixes and keys",
                "/Careless/Reader/DefaultPolicy/Resource: [Lake-DataWildcard] kms:Decrypt allowed on \"*\": scope S3"
                        + " and KMS access to buckets, prefixes and keys");
    }

    @Test
    void aDatasetRoleReachingAnotherDatasetsPrefixIsRefused() {
        App app = TestApps.app("dev");
        LakeNames names = new LakeNames(LakeApp.environment(app));
        DatasetStack stack = new DatasetStack(app, "Dataset-sales_orders", DatasetStackProps.builder().names(names)
                .dataset(DatasetFiles.load(Path.of("..", "dataset-templates", "examples", "sales_orders.yaml"))).build());
        stack.roles().role(AccessLevel.READ).addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject"))
                .resources(List.of("arn:aws:s3:::" + names.dataBucket(io.datalake.core.Tier.INTERNAL) + "/daily_sales/*"))
                .build());
        LakeChecks.apply(app);
        app.synth();
        assertThat(errors(stack, LakeInvariants.DATASET_PREFIX)).containsExactly("/Dataset-sales_orders/Roles/Read:"
                + " [Lake-DatasetPrefix] the read role of dataset sales_orders reaches objects outside sales_orders/:"
                + " [arn:aws:s3:::acme-datalake-dev-internal-eu-west-1/daily_sales/*]");
        assertThat(errors(stack, LakeInvariants.DATA_WILDCARD)).isEmpty();
        assertThat(errors(stack, LakeInvariants.RETAIN)).isEmpty();
    }

    @Test
    void aDatasetRoleWritingTheTierBucketOrAnotherDropFolderIsRefused() {
        App app = TestApps.app("dev");
        LakeNames names = new LakeNames(LakeApp.environment(app));
        DatasetStack stack = new DatasetStack(app, "Dataset-sales_orders", DatasetStackProps.builder().names(names)
                .dataset(DatasetFiles.load(Path.of("..", "dataset-templates", "examples", "sales_orders.yaml"))).build());
        stack.roles().role(AccessLevel.WRITE).addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject"))
                .resources(List.of("arn:aws:s3:::" + names.dataBucket(io.datalake.core.Tier.INTERNAL) + "/sales_orders/raw/*",
                        "arn:aws:s3:::" + names.dropBucket(io.datalake.core.Tier.INTERNAL) + "/sales*"))
                .build());
        LakeChecks.apply(app);
        app.synth();
        assertThat(errors(stack, LakeInvariants.DATASET_DATA_WRITE)).containsExactly("/Dataset-sales_orders/Roles/Write:"
                + " [Lake-DatasetDataWrite] the write role of dataset sales_orders may write to the tier bucket (s3:PutObject):"
                + " deliveries go through the drop bucket and the API");
        assertThat(errors(stack, LakeInvariants.DATASET_PREFIX)).containsExactly("/Dataset-sales_orders/Roles/Write:"
                + " [Lake-DatasetPrefix] the write role of dataset sales_orders reaches objects outside sales_orders/:"
                + " [arn:aws:s3:::acme-datalake-drop-dev-internal-eu-west-1/sales*]");
    }
}
