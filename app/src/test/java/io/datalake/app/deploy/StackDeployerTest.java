package io.datalake.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.app.deploy.DeployPlan.Kind;
import io.datalake.app.deploy.DeployResult.Outcome;
import io.datalake.app.deploy.ResourceChange.Action;
import io.datalake.app.deploy.ResourceChange.Replacement;
import io.datalake.core.LakeConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

@Timeout(20)
class StackDeployerTest {
    static final String STACK = "acme-datalake-dev-dataset-sales";
    static final Map<String, String> TAGS = Map.of("datalake:dataset", "sales");
    static final String NL = System.lineSeparator();

    final FakeCloudFormation fake = FakeCloudFormation.start();
    final StringWriter out = new StringWriter();
    final StackDeployer deployer = new StackDeployer(fake.client(), new PrintWriter(out), Duration.ofMillis(2));

    final TestTemplate v1 = new TestTemplate()
            .role("ReadRole", "acme-sales-read")
            .role("WriteRole", "acme-sales-write")
            .table("Table", "id", "amount")
            .role("OldRole", "acme-sales-old");

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void createsAStackAndPrintsEachResourceOnce() {
        TestTemplate template = new TestTemplate().role("ReadRole", "acme-sales-read").table("Table", "id");

        DeployPlan plan = deployer.plan(STACK, template.json(), TAGS);

        assertThat(plan.kind()).isEqualTo(Kind.CREATE);
        assertThat(plan.changes()).containsExactly(
                new ResourceChange(Action.ADD, "ReadRole", "AWS::IAM::Role", Replacement.FALSE),
                new ResourceChange(Action.ADD, "Table", "AWS::Glue::Table", Replacement.FALSE));
        assertThat(deployer.render(plan)).isEqualTo("create " + STACK + ": 2 to add" + NL
                + "  + ReadRole (AWS::IAM::Role)" + NL
                + "  + Table (AWS::Glue::Table)");

        DeployResult result = deployer.execute(plan);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.stackStatus()).contains("CREATE_COMPLETE");
        assertThat(result.summary()).isEqualTo(STACK + ": CREATE_COMPLETE");
        assertThat(fake.stackStatus(STACK)).contains("CREATE_COMPLETE");
        assertThat(fake.deployedTemplate(STACK)).contains(template.tree());
        String progress = out.toString();
        assertThat(progress).doesNotContain("REVIEW_IN_PROGRESS"); // older than the execution
        assertInOrder(progress,
                "  " + STACK + " +AWS::CloudFormation::Stack +CREATE_IN_PROGRESS +User Initiated",
                "  ReadRole +AWS::IAM::Role +CREATE_IN_PROGRESS",
                "  ReadRole +AWS::IAM::Role +CREATE_COMPLETE",
                "  Table +AWS::Glue::Table +CREATE_COMPLETE",
                "  " + STACK + " +AWS::CloudFormation::Stack +CREATE_COMPLETE");
        assertThat(progress.lines()).hasSize(6).allMatch(line -> line.matches("10:00:\\d\\d  .*"));
        assertThat(fake.requests("DescribeStackEvents")).as("more new events than one page holds")
                .anyMatch(request -> request.containsKey("NextToken"));
    }

    @Test
    void sendsTheTemplateWithNamedIamCapabilityAndTagsOverTheQueryProtocol() {
        deployer.plan(STACK, v1.json(), Map.of("datalake:dataset", "sales", "datalake:env", "dev"));

        Map<String, String> request = fake.requests("CreateChangeSet").get(0);
        assertThat(request).containsEntry("Version", "2010-05-15")
                .containsEntry("StackName", STACK)
                .containsEntry("ChangeSetType", "CREATE")
                .containsEntry("Capabilities.member.1", "CAPABILITY_NAMED_IAM")
                .containsEntry("TemplateBody", v1.json())
                .containsKeys("Tags.member.1.Key", "Tags.member.2.Value");
        assertThat(request.get("ChangeSetName")).matches("lake-\\d{8}T\\d{6}Z-[0-9a-f]{4}");
    }

    @Test
    void updateShowsAddedModifiedReplacedAndRemovedResources() {
        deploy(v1);
        out.getBuffer().setLength(0);
        TestTemplate v2 = new TestTemplate()
                .role("ReadRole", "acme-sales-reader")   // new RoleName: replaced
                .role("WriteRole", "acme-sales-write")   // unchanged
                .table("Table", "id", "amount", "currency")
                .role("NewRole", "acme-sales-admin");    // OldRole is gone

        DeployPlan plan = deployer.plan(STACK, v2.json(), TAGS);

        assertThat(plan.kind()).isEqualTo(Kind.UPDATE);
        assertThat(plan.changes()).containsExactlyInAnyOrder(
                new ResourceChange(Action.MODIFY, "ReadRole", "AWS::IAM::Role", Replacement.TRUE),
                new ResourceChange(Action.MODIFY, "Table", "AWS::Glue::Table", Replacement.FALSE),
                new ResourceChange(Action.ADD, "NewRole", "AWS::IAM::Role", Replacement.FALSE),
                new ResourceChange(Action.REMOVE, "OldRole", "AWS::IAM::Role", Replacement.FALSE));
        assertThat(deployer.render(plan)).isEqualTo(
                "update " + STACK + ": 1 to add, 1 to modify, 1 to replace, 1 to remove" + NL
                        + "  + NewRole (AWS::IAM::Role)" + NL
                        + "  ~ Table (AWS::Glue::Table)" + NL
                        + "  ± ReadRole (AWS::IAM::Role) replaced" + NL
                        + "  - OldRole (AWS::IAM::Role)");

        assertThat(fake.requests("DescribeChangeSet")).as("changes over two pages")
                .anyMatch(request -> request.containsKey("NextToken"));

        DeployResult result = deployer.execute(plan);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.stackStatus()).contains("UPDATE_COMPLETE");
        assertThat(fake.deployedTemplate(STACK)).contains(v2.tree());
        assertInOrder(out.toString(),
                "  ReadRole +AWS::IAM::Role +UPDATE_IN_PROGRESS +Requested update requires the creation of a new physical resource",
                "  Table +AWS::Glue::Table +UPDATE_COMPLETE",
                "  NewRole +AWS::IAM::Role +CREATE_COMPLETE",
                "  " + STACK + " +AWS::CloudFormation::Stack +UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
                "  OldRole +AWS::IAM::Role +DELETE_COMPLETE",
                "  " + STACK + " +AWS::CloudFormation::Stack +UPDATE_COMPLETE");
        assertThat(out.toString()).as("events of the earlier create").doesNotContain("CREATE_IN_PROGRESS  ");
    }

    @Test
    void rendersImportedDynamicAndConditionallyReplacedResources() {
        DeployPlan plan = new DeployPlan(STACK, "arn:stack", "arn:changeSet", Kind.UPDATE, List.of(
                new ResourceChange(Action.MODIFY, "Queue", "AWS::SQS::Queue", Replacement.CONDITIONAL),
                new ResourceChange(Action.IMPORT, "Bucket", "AWS::S3::Bucket", Replacement.FALSE),
                new ResourceChange(Action.DYNAMIC, "Nested", "AWS::CloudFormation::Stack", Replacement.FALSE)), false);

        assertThat(deployer.render(plan)).isEqualTo("update " + STACK + ": 1 to add, 1 to modify, 1 to replace" + NL
                + "  + Bucket (AWS::S3::Bucket) imported" + NL
                + "  ~ Nested (AWS::CloudFormation::Stack) (decided while deploying)" + NL
                + "  ± Queue (AWS::SQS::Queue) may be replaced");
        assertThat(deployer.render(new DeployPlan(STACK, "arn:stack", "arn:changeSet", Kind.UPDATE, List.of(), false)))
                .isEqualTo("update " + STACK + ": no resource changes (outputs or metadata only)");
    }

    @Test
    void theSameTemplateAgainIsAPlanWithoutChangesThatRunsNothing() {
        deploy(v1);

        DeployPlan plan = deployer.plan(STACK, v1.json(), TAGS);

        assertThat(plan.unchanged()).isTrue();
        assertThat(plan.changes()).isEmpty();
        assertThat(deployer.render(plan)).isEqualTo(STACK + ": no changes");
        assertThat(fake.changeSetCount(STACK)).as("the failed change set is cleaned up").isZero();
        DeployResult result = deployer.execute(plan);
        assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(result.summary()).isEqualTo(STACK + ": unchanged");
        assertThat(fake.requests("ExecuteChangeSet")).hasSize(1);
        deployer.discard(plan); // nothing to throw away, and no error
    }

    @Test
    void aFailedCreateRollsBackAndNamesTheResourceAndReason() {
        fake.failOn("Table", "Resource handler returned message: \"Database acme_datalake_dev_internal not found\"");

        DeployResult result = deployer.execute(deployer.plan(STACK, v1.json(), TAGS));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stackStatus()).contains("ROLLBACK_COMPLETE");
        assertThat(result.failure()).contains(new DeployResult.Failure("Table", "AWS::Glue::Table",
                "Resource handler returned message: \"Database acme_datalake_dev_internal not found\""));
        assertThat(result.summary()).isEqualTo(STACK + ": ROLLBACK_COMPLETE after Table (AWS::Glue::Table) failed: "
                + "Resource handler returned message: \"Database acme_datalake_dev_internal not found\"");
        assertInOrder(out.toString(),
                "  Table +AWS::Glue::Table +CREATE_FAILED +Resource handler returned message",
                "  " + STACK + " +AWS::CloudFormation::Stack +ROLLBACK_IN_PROGRESS +The following resource\\(s\\) failed to create: \\[Table\\]",
                "  ReadRole +AWS::IAM::Role +DELETE_COMPLETE",
                "  " + STACK + " +AWS::CloudFormation::Stack +ROLLBACK_COMPLETE");
    }

    @Test
    void aStackLeftByAFailedCreateIsDeletedBeforeTheNextCreate() {
        fake.failOn("Table", "Internal failure");
        deployer.execute(deployer.plan(STACK, v1.json(), TAGS));
        fake.clearFailures();
        out.getBuffer().setLength(0);

        DeployPlan plan = deployer.plan(STACK, v1.json(), TAGS);

        assertThat(out.toString()).startsWith(STACK + " is left in ROLLBACK_COMPLETE by a failed create: deleting it first")
                .contains("DELETE_COMPLETE");
        assertThat(plan.kind()).isEqualTo(Kind.CREATE);
        assertThat(deployer.execute(plan).stackStatus()).contains("CREATE_COMPLETE");
    }

    @Test
    void aFailedUpdateRollsBackToThePreviousTemplate() {
        deploy(v1);
        fake.failOn("Table", "Resource handler returned message: \"Column currency is not a valid type\"");
        TestTemplate v2 = new TestTemplate().role("ReadRole", "acme-sales-read").role("WriteRole", "acme-sales-write")
                .table("Table", "id", "amount", "currency").role("OldRole", "acme-sales-old").role("NewRole", "acme-sales-new");

        DeployPlan plan = deployer.plan(STACK, v2.json(), TAGS);
        DeployResult result = deployer.execute(plan);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.stackStatus()).contains("UPDATE_ROLLBACK_COMPLETE");
        assertThat(result.failure()).map(DeployResult.Failure::logicalId).contains("Table");
        assertThat(result.failure()).map(DeployResult.Failure::reason)
                .contains("Resource handler returned message: \"Column currency is not a valid type\"");
        assertThat(fake.deployedTemplate(STACK)).as("the previous version stays").contains(v1.tree());
        assertThat(fake.stackStatus(STACK)).contains("UPDATE_ROLLBACK_COMPLETE");

        fake.clearFailures();
        assertThat(deployer.execute(deployer.plan(STACK, v2.json(), TAGS)).stackStatus())
                .as("a rolled-back stack can be updated again").contains("UPDATE_COMPLETE");
    }

    @Test
    void discardingThePlanOfACreateLeavesNoStackBehind() {
        DeployPlan plan = deployer.plan(STACK, v1.json(), TAGS);
        assertThat(fake.stackStatus(STACK)).contains("REVIEW_IN_PROGRESS");

        deployer.discard(plan);

        assertThat(fake.stackNames()).isEmpty();
        assertThat(fake.requests("ExecuteChangeSet")).isEmpty();
        assertThat(fake.requests("DeleteChangeSet")).hasSize(1);
    }

    @Test
    void discardingThePlanOfAnUpdateLeavesTheStackAsItWas() {
        deploy(v1);

        deployer.discard(deployer.plan(STACK, new TestTemplate().role("ReadRole", "acme-sales-read").json(), TAGS));

        assertThat(fake.stackStatus(STACK)).contains("CREATE_COMPLETE");
        assertThat(fake.deployedTemplate(STACK)).contains(v1.tree());
        assertThat(fake.changeSetCount(STACK)).isZero();
    }

    @Test
    void aTemplateCloudFormationRejectsIsAnErrorNamingTheReasonAndLeavesNothing() {
        assertThatThrownBy(() -> deployer.plan(STACK, "{\"Resources\": {}}", TAGS))
                .isInstanceOf(DeployException.class)
                .hasMessage("CloudFormation cannot deploy " + STACK
                        + ": Template format error: At least one Resources member must be defined.");
        assertThat(fake.stackNames()).isEmpty();
    }

    @Test
    void deleteFollowsTheStackUntilItIsGone() {
        deploy(v1);
        out.getBuffer().setLength(0);

        DeployResult result = deployer.delete(STACK);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.summary()).isEqualTo(STACK + ": DELETE_COMPLETE");
        assertThat(fake.stackNames()).isEmpty();
        assertInOrder(out.toString(),
                "  " + STACK + " +AWS::CloudFormation::Stack +DELETE_IN_PROGRESS",
                "  OldRole +AWS::IAM::Role +DELETE_COMPLETE",
                "  ReadRole +AWS::IAM::Role +DELETE_COMPLETE",
                "  " + STACK + " +AWS::CloudFormation::Stack +DELETE_COMPLETE");
    }

    @Test
    void deletingAStackThatDoesNotExistSaysSo() {
        DeployResult result = deployer.delete("acme-datalake-dev-dataset-nothing");

        assertThat(result.outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.summary()).isEqualTo("acme-datalake-dev-dataset-nothing: stack does not exist");
        assertThat(fake.requests("DeleteStack")).isEmpty();
    }

    @Test
    void aFailedDeleteNamesTheResourceThatStayed() {
        deploy(v1);
        fake.failOn("WriteRole", "Cannot delete entity, must detach all policies first.");

        DeployResult result = deployer.delete(STACK);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.stackStatus()).contains("DELETE_FAILED");
        assertThat(result.failure()).contains(new DeployResult.Failure("WriteRole", "AWS::IAM::Role",
                "Cannot delete entity, must detach all policies first."));
    }

    @Test
    void aTemplateOverTheInlineLimitFailsBeforeCallingCloudFormation() {
        String atLimit = padded(StackDeployer.MAX_TEMPLATE_BODY_BYTES);
        String overLimit = padded(StackDeployer.MAX_TEMPLATE_BODY_BYTES + 1);

        assertThatThrownBy(() -> deployer.plan(STACK, overLimit, TAGS))
                .isInstanceOf(DeployException.class)
                .hasMessage("the template of " + STACK + " is 51,201 bytes, over CloudFormation's limit of 51,200 bytes"
                        + " for a template passed inline; deploying larger templates through the artifact bucket"
                        + " is not supported yet");
        assertThat(fake.requests("CreateChangeSet")).isEmpty();
        assertThat(deployer.plan(STACK, atLimit, TAGS).changes()).hasSize(1);
    }

    @Test
    void accessDeniedIsOneLineOfTheUsersToFix() {
        fake.denyAccess();

        assertThatThrownBy(() -> deployer.plan(STACK, v1.json(), TAGS))
                .isInstanceOf(AwsAccessException.class)
                .isInstanceOf(LakeConfigException.class) // the CLI's exit code 2
                .hasMessage("AWS denied cloudformation:DescribeStacks on " + STACK + ": User: arn:aws:iam::123456789012:"
                        + "user/lake-test is not authorized to perform: cloudformation:DescribeStacks on resource: "
                        + "arn:aws:cloudformation:eu-west-1:123456789012:stack/" + STACK + "/* because no "
                        + "identity-based policy allows the cloudformation:DescribeStacks action");
        assertThatThrownBy(() -> deployer.delete(STACK)).isInstanceOf(AwsAccessException.class);
    }

    @Test
    void missingCredentialsAreOneLineOfTheUsersToFix(@TempDir Path home) throws IOException {
        Path credentials = Files.writeString(home.resolve("credentials"), "[other]\naws_access_key_id = AKIAOTHER\n");
        try (CloudFormationClient client = CloudFormationClient.builder()
                .endpointOverride(fake.endpoint())
                .region(Region.of(FakeCloudFormation.REGION))
                .credentialsProvider(ProfileCredentialsProvider.builder()
                        .profileFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build())
                        .profileName("lake")
                        .build())
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            StackDeployer unauthenticated = new StackDeployer(client, new PrintWriter(out), Duration.ofMillis(2));

            assertThatThrownBy(() -> unauthenticated.plan(STACK, v1.json(), TAGS))
                    .isInstanceOf(AwsAccessException.class)
                    .hasMessageStartingWith("no usable AWS credentials were found");
        }
        assertThat(fake.requests("DescribeStacks")).isEmpty();
    }

    private void deploy(TestTemplate template) {
        DeployResult result = deployer.execute(deployer.plan(STACK, template.json(), TAGS));
        assertThat(result.succeeded()).as(result.summary()).isTrue();
    }

    /** A one-resource template padded with a description to exactly {@code bytes} bytes. */
    private static String padded(int bytes) {
        String bare = new TestTemplate().role("ReadRole", "acme-sales-read").description("").json();
        return new TestTemplate().role("ReadRole", "acme-sales-read").description("x".repeat(bytes - bare.length())).json();
    }

    /** Each pattern matches a line of the text, in this order. */
    private static void assertInOrder(String text, String... patterns) {
        int from = 0;
        for (String pattern : patterns) {
            Matcher matcher = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d" + pattern).matcher(text);
            assertThat(matcher.find(from)).as("a line matching '%s' after offset %d in:%n%s", pattern, from, text).isTrue();
            from = matcher.end();
        }
    }
}
