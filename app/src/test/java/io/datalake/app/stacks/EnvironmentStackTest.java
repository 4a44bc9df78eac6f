package io.datalake.app.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import io.datalake.core.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.IConstruct;

/** The dev environment as the project's cdk.json defines it, synthesized once with the compliance checks. */
class EnvironmentStackTest {
    static EnvironmentStack stack;
    static Template template;

    @BeforeAll
    static void synth() {
        App app = TestApps.app("dev");
        stack = LakeApp.build(app);
        app.synth();
        template = Template.fromStack(stack);
    }

    private static String id(IConstruct c) {
        IConstruct child = c instanceof CfnElement ? c : c.getNode().getDefaultChild();
        return stack.resolve(((CfnElement) child).getLogicalId()).toString();
    }

    private static Map<String, Object> kmsEncrypted(IConstruct key) {
        return Map.of("ServerSideEncryptionConfiguration", List.of(Map.of("BucketKeyEnabled", true,
                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms",
                        "KMSMasterKeyID", Map.of("Fn::GetAtt", List.of(id(key), "Arn"))))));
    }

    @Test
    void stackIsNamedForTheEnvironmentInItsRegion() {
        assertThat(stack.getStackName()).isEqualTo("acme-datalake-dev");
        assertThat(stack.getRegion()).isEqualTo("eu-west-1");
        template.resourceCountIs("AWS::S3::Bucket", 9);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void dataAndDropBucketOfEachTierUseTheTierKey(Tier tier) {
        IConstruct key = stack.storage().tier(tier).key();
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", "acme-datalake-dev-" + tier.id() + "-eu-west-1", "BucketEncryption", kmsEncrypted(key)));
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", "acme-datalake-drop-dev-" + tier.id() + "-eu-west-1", "BucketEncryption", kmsEncrypted(key)));
    }

    @Test
    void platformBucketsAreEncryptedWithThePlatformKeyAndLogToTheLogBucket() {
        for (String name : List.of("acme-datalake-dev-artifacts-eu-west-1", "acme-datalake-dev-athena-results-eu-west-1")) {
            template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", name,
                    "BucketEncryption", kmsEncrypted(stack.platformKey()),
                    "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", name + "/"))));
        }
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", "acme-datalake-dev-access-logs-eu-west-1",
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"))))));
    }

    @Test
    void everyBucketIsRetainedVersionedAndTlsOnly() {
        Map<String, Map<String, Object>> buckets = template.findResources("AWS::S3::Bucket");
        assertThat(buckets.values()).allSatisfy(bucket -> assertThat(bucket)
                .containsEntry("DeletionPolicy", "Retain")
                .extracting(b -> b.get("Properties").toString()).asString()
                .contains("VersioningConfiguration={Status=Enabled}"));
        assertThat(template.findResources("AWS::S3::BucketPolicy", Map.of("Properties", Map.of("PolicyDocument",
                Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))))).hasSize(9);
    }

    @Test
    void dropEventsAlarmAtTheFirstDeadLetter() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName",
                        "Value", Map.of("Fn::GetAtt", List.of(id(stack.dropZone().deadLetterQueue()), "QueueName"))))));
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void tierKeyIsExportedForDatasetStacks(Tier tier) {
        template.hasOutput("*", Map.of("Export", Map.of("Name", "acme-datalake-dev-" + tier.id() + "-key-arn"),
                "Value", Map.of("Fn::GetAtt", List.of(id(stack.storage().tier(tier).key()), "Arn"))));
    }

    @Test
    void readerPolicyNamesOnlyInternalResources() {
        IBucket internal = stack.storage().tier(Tier.INTERNAL).bucket();
        String policies = template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of("Roles",
                List.of(Map.of("Ref", id(stack.getNode().findChild("InternalReader").getNode().findChild("Resource"))))))).toString();
        assertThat(policies).contains(id(internal)).contains(id(stack.storage().tier(Tier.INTERNAL).key()));
        for (Tier other : List.of(Tier.RESTRICTED, Tier.SENSITIVE)) {
            assertThat(policies).doesNotContain(id(stack.storage().tier(other).bucket()))
                    .doesNotContain(id(stack.storage().tier(other).key()));
        }
    }

    @Test
    void cdkNagFindsNoUnsuppressedErrorOrWarning() {
        Annotations annotations = Annotations.fromStack(stack);
        assertThat(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
        assertThat(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isEmpty();
        assertThat(annotations.findError("*", Match.anyValue())).isEmpty();
    }
}
