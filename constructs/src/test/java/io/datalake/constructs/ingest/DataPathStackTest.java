package io.datalake.constructs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.constructs.TestLake;
import io.datalake.constructs.api.LakeApi;
import io.datalake.constructs.api.LakeApiProps;
import io.datalake.constructs.catalog.Registry;
import io.datalake.constructs.catalog.RegistryProps;
import io.datalake.constructs.checks.LakeChecks;
import io.datalake.constructs.storage.DropZone;
import io.datalake.constructs.storage.DropZoneProps;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;

/** The ingest service and the REST API in one stack with their drop zone and registry, cdk-nag applied. */
class DataPathStackTest {
    static TestLake lake;
    static IngestService ingest;
    static LakeApi api;
    static DropZone dropZone;
    static Template template;

    @BeforeAll
    static void synth() throws IOException {
        Path jar = Files.createTempFile("lambda", ".jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("Handler.class"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        lake = new TestLake();
        Key platform = Key.Builder.create(lake.stack, "PlatformKey").enableKeyRotation(true).build();
        dropZone = new DropZone(lake.stack, "DropZone", DropZoneProps.builder().names(lake.names).storage(lake.storage)
                .accessLogBucket(lake.accessLogs.bucket()).queueKey(platform).build());
        Registry registry = new Registry(lake.stack, "Registry", RegistryProps.builder().names(lake.names).encryptionKey(platform).build());
        ingest = new IngestService(lake.stack, "Ingest", IngestServiceProps.builder().names(lake.names).dropZone(dropZone)
                .storage(lake.storage).registry(registry).code(Code.fromAsset(jar.toString())).logKey(platform).build());
        api = new LakeApi(lake.stack, "Api", LakeApiProps.builder().names(lake.names).code(Code.fromAsset(jar.toString()))
                .openApi(Path.of("src/test/resources/sample-openapi.yaml")).registry(registry).storage(lake.storage)
                .dropZone(dropZone).logKey(platform).build());
        LakeChecks.apply(lake.stack);
        template = Template.fromStack(lake.stack);
    }

    @Test
    void ingestConsumesTheDropQueueThroughItsAliasWithPartialBatchFailures() {
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", lake.arnOf(dropZone.queue()),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "BatchSize", 5,
                "FunctionName", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(":live"))))));
    }

    @Test
    void queueVisibilityIsAtLeastSixTimesTheFunctionTimeout() {
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function",
                Map.of("Properties", Map.of("FunctionName", "acme-datalake-dev-ingest")));
        int timeout = ((Number) ((Map<?, ?>) functions.values().iterator().next().get("Properties")).get("Timeout")).intValue();
        Map<String, Map<String, Object>> queues = template.findResources("AWS::SQS::Queue",
                Map.of("Properties", Map.of("QueueName", "acme-datalake-dev-drop-events")));
        int visibility = ((Number) ((Map<?, ?>) queues.values().iterator().next().get("Properties")).get("VisibilityTimeout")).intValue();
        assertThat(timeout).isEqualTo(300);
        assertThat(visibility).isGreaterThanOrEqualTo(6 * timeout);
    }

    @Test
    void functionsRunJavaWithSnapStartOnAPublishedVersionBehindAnAlias() {
        for (String name : List.of("acme-datalake-dev-ingest", "acme-datalake-dev-api")) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", name, "Runtime", "java25",
                    "Architectures", List.of("arm64"), "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        }
        template.resourcePropertiesCountIs("AWS::Lambda::Alias", Map.of("Name", "live",
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "Version"))), 2);
    }

    @Test
    void functionRolesHaveNoManagedPolicyAndIngestDeletesOnlyInDropBuckets() {
        template.resourcePropertiesCountIs("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "lambda.amazonaws.com")))))),
                "ManagedPolicyArns", Match.anyValue()), 0);
        String ingestPolicy = template.findResources("AWS::IAM::Policy", Map.of("Roles",
                List.of(Map.of("Ref", lake.logicalId(ingest.function().role()))))).toString();
        for (var tier : lake.storage.tiers()) {
            assertThat(ingestPolicy).doesNotContain("s3:DeleteObject\", Resource={Fn::Join=[, [{Fn::GetAtt=[" + lake.logicalId(tier.bucket()));
        }
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", lake.logicalId(ingest.function().role()))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject"),
                        "Resource", Map.of("Fn::Join", List.of("", List.of(lake.arnOf(dropZone.dropBucket(io.datalake.core.Tier.INTERNAL)), "/*"))))))))));
    }

    @Test
    void everyApiOperationIsIamAuthorisedValidatedAndIntegratedWithTheAlias() {
        Map<String, Map<String, Object>> apis = template.findResources("AWS::ApiGateway::RestApi");
        String body = apis.values().iterator().next().get("Properties").toString();
        assertThat(body).contains("x-amazon-apigateway-request-validator=all")
                .contains("validateRequestBody=true").contains("x-amazon-apigateway-authtype=awsSigv4");
        @SuppressWarnings("unchecked")
        Map<String, Object> paths = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) apis.values().iterator()
                .next().get("Properties")).get("Body")).get("paths");
        int operations = 0;
        for (Object item : paths.values()) {
            for (Object op : ((Map<?, ?>) item).values()) {
                Map<?, ?> operation = (Map<?, ?>) op;
                assertThat(operation.get("security")).isEqualTo(List.of(Map.of("sigv4", List.of())));
                assertThat(operation.get("x-amazon-apigateway-integration").toString()).contains("type=aws_proxy")
                        .contains(lake.logicalId(api.function().alias()));
                operations++;
            }
        }
        assertThat(operations).isEqualTo(2);
    }

    @Test
    void stageIsThrottledAndAccessLogged() {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "StageName", "v1",
                "TracingEnabled", true,
                "AccessLogSetting", Match.objectLike(Map.of("DestinationArn", Match.anyValue())),
                "MethodSettings", List.of(Match.objectLike(Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100,
                        "LoggingLevel", "ERROR", "MetricsEnabled", true)))));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of("Principal", "apigateway.amazonaws.com",
                "FunctionName", Map.of("Ref", lake.logicalId(api.function().alias()))));
    }

    @Test
    void apiMayEditOnlyDatasetRolesTrust() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", lake.logicalId(api.function().role()))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("iam:GetRole", "iam:UpdateAssumeRolePolicy"),
                        "Resource", List.of(role("read"), role("write")))), Match.objectLike(Map.of(
                        "Action", "iam:GetRole", "Resource", role("admin"))))))));
    }

    private static Map<String, Object> role(String level) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                ":iam::", Map.of("Ref", "AWS::AccountId"), ":role/acme-datalake-dev-ds-*-" + level)));
    }

    @Test
    void gatewayRefusalsUseTheApisErrorShapeAndTheApiMayReadDrops() {
        template.hasResourceProperties("AWS::ApiGateway::GatewayResponse", Map.of(
                "ResponseType", "BAD_REQUEST_BODY", "StatusCode", "400",
                "ResponseTemplates", Map.of("application/json", Match.stringLikeRegexp(
                        ".*\"code\": \"BadRequest\".*validationErrorString.*requestId.*"))));
        template.resourcePropertiesCountIs("AWS::ApiGateway::GatewayResponse", Map.of("ResponseType", Match.anyValue()), 4);
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", lake.logicalId(api.function().role()))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "s3:GetObject",
                        "Resource", Map.of("Fn::Join", List.of("", List.of(lake.arnOf(dropZone.dropBucket(io.datalake.core.Tier.SENSITIVE)), "/*"))))))))));
    }

    @Test
    void cdkNagFindsNoUnsuppressedError() {
        assertThat(Annotations.fromStack(lake.stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                .extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }
}
