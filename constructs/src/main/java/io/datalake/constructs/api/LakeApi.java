package io.datalake.constructs.api;

import io.datalake.constructs.access.Grants;
import io.datalake.constructs.checks.Suppressions;
import io.datalake.constructs.compute.LakeFunction;
import io.datalake.constructs.compute.LakeFunctionProps;
import io.datalake.constructs.storage.TierBucket;
import io.datalake.core.AccessLevel;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.ApiDefinition;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.SpecRestApi;
import software.amazon.awscdk.services.apigateway.Stage;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The lake's REST API: API Gateway built from the OpenAPI file in the repository, every method
 * IAM-authorised (SigV4) and validated, throttled, with JSON access logs encrypted with the
 * platform key, in front of one Java Lambda function (SnapStart, via its {@code live} alias, with
 * {@code settings.apiReservedConcurrency} reserved). The function reads the registry and the
 * manifests, claims deliveries and queues ingest requests, and edits the trust of dataset roles
 * for grants.
 */
public class LakeApi extends Construct {
    /** The access log group's name under {@code LakeNames.platformLogGroup}. */
    public static final String ACCESS_LOG_GROUP = "api-access";

    private final LakeFunction function;
    private final SpecRestApi api;

    public LakeApi(Construct scope, String id, LakeApiProps props) {
        super(scope, id);
        LakeNames names = props.names();
        Stack stack = Stack.of(this);
        this.function = new LakeFunction(this, "Function", LakeFunctionProps.builder()
                .functionName(names.environmentStack() + "-api")
                .description("The REST API of " + names.environmentStack())
                .code(props.code())
                .handler(props.handler())
                .timeout(Duration.seconds(29))
                .environment(Map.of("LAKE_ORG", names.environment().org(), "LAKE_ENV", names.environment().name(),
                        "LAKE_REGION", names.environment().region(), "LAKE_INGEST_QUEUE_URL", props.dropZone().queue().getQueueUrl()))
                .logKey(props.logKey())
                .reservedConcurrency(names.environment().settings().apiReservedConcurrency())
                .build());
        String invokeUri = "arn:" + stack.getPartition() + ":apigateway:" + stack.getRegion()
                + ":lambda:path/2015-03-31/functions/" + function.alias().getFunctionArn() + "/invocations";

        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .logGroupName(names.platformLogGroup(ACCESS_LOG_GROUP))
                .encryptionKey(props.logKey())
                .retention(RetentionDays.ONE_YEAR)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        this.api = SpecRestApi.Builder.create(this, "Resource")
                .restApiName(names.environmentStack() + "-api")
                .description("REST API of " + names.environmentStack())
                .apiDefinition(ApiDefinition.fromInline(OpenApiDefinition.of(props.openApi(), invokeUri)))
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .cloudWatchRole(true)
                .deployOptions(StageOptions.builder()
                        .stageName(LakeApiProps.STAGE)
                        .throttlingRateLimit(props.rateLimit())
                        .throttlingBurstLimit(props.burstLimit())
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .metricsEnabled(true)
                        .tracingEnabled(true)
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields())
                        .build())
                .build();
        // API Gateway's own refusals (invalid body, missing auth, throttled, its faults) in the API's Error shape.
        gatewayResponse("BadBody", ResponseType.BAD_REQUEST_BODY, "BadRequest", "$context.error.validationErrorString", "400");
        gatewayResponse("BadParameters", ResponseType.BAD_REQUEST_PARAMETERS, "BadRequest", "$context.error.validationErrorString", "400");
        gatewayResponse("Default4xx", ResponseType.DEFAULT_4_XX, "BadRequest", "$context.error.messageString", null);
        gatewayResponse("Default5xx", ResponseType.DEFAULT_5_XX, "InternalError", "$context.error.messageString", null);
        function.alias().addPermission("ApiInvoke", Permission.builder()
                .principal(new ServicePrincipal("apigateway.amazonaws.com"))
                .sourceArn(api.arnForExecuteApi())
                .sourceAccount(stack.getAccount())
                .build());

        props.registry().table(RegistryTable.DATASETS).grantReadData(function.function());
        props.registry().table(RegistryTable.UPDATES).grantReadData(function.function());
        props.registry().table(RegistryTable.RUNS).grantReadData(function.function());
        props.registry().table(RegistryTable.DELIVERIES).grantReadWriteData(function.function());
        props.registry().table(RegistryTable.GRANTS).grantReadWriteData(function.function());
        for (TierBucket tier : props.storage().tiers()) {
            tier.grantReadManifests(function.function());
        }
        props.dropZone().grantRead(function.function());
        // Grants edit the trust of read and write roles only; the admin role's trust (written only by
        // CloudFormation from the dataset file) is read to learn who may grant, and never changed.
        List<String> editable = List.of(roleArn(stack, names.datasetRolePattern(AccessLevel.READ)),
                roleArn(stack, names.datasetRolePattern(AccessLevel.WRITE)));
        Grants.onPrincipal(function.function(), List.of("iam:GetRole", "iam:UpdateAssumeRolePolicy"), editable);
        Grants.onPrincipal(function.function(), List.of("iam:GetRole"), List.of(roleArn(stack, names.datasetRolePattern(AccessLevel.ADMIN))));

        List<String> wildcards = new ArrayList<>(List.of("Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"));
        for (AccessLevel level : AccessLevel.values()) {
            wildcards.add("Resource::arn:<AWS::Partition>:iam::" + Suppressions.account(this) + ":role/" + names.datasetRolePattern(level));
        }
        props.storage().tiers().forEach(tier -> wildcards.add("Resource::" + Suppressions.arnOf(tier.bucket()) + "/*/updates/*"));
        props.dropZone().dropBuckets().values().forEach(drop -> wildcards.add("Resource::" + Suppressions.arnOf(drop) + "/*"));
        Suppressions.add(function.role(), "AwsSolutions-IAM5", "The API serves every dataset: it reads the manifests"
                + " (updates/ folders) of any dataset, checks dropped objects before it queues their ingest, and edits"
                + " the trust of the dataset read and write roles (<org>-datalake-<env>-ds-*-read, -write; the level suffix"
                + " survives LakeNames' shortening) and reads that of admin roles. The KMS wildcards are the CDK's grant for sending to the encrypted queue.",
                wildcards);
        Suppressions.add(api, "AwsSolutions-APIG2", "Request validation is declared in the OpenAPI definition itself"
                + " (x-amazon-apigateway-request-validator: all), which cdk-nag does not read; a test asserts it.", List.of());
        Suppressions.add(api, "AwsSolutions-APIG3", "Every method requires IAM (SigV4) authorisation, so only principals"
                + " of the account reach it; throttling limits abuse. A WAF web ACL can be attached per organisation.", List.of());
        Suppressions.add(api, "AwsSolutions-COG4", "The API authorises with IAM (SigV4) on every method, not Cognito:"
                + " callers are AWS principals.", List.of());
        Suppressions.add(api, "AwsSolutions-IAM4", "API Gateway's account-level CloudWatch role needs the AWS-managed"
                + " AmazonAPIGatewayPushToCloudWatchLogs policy to write access logs.",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"));
        Stage stage = api.getDeploymentStage();
        Suppressions.add(stage, Suppressions.NIST + "APIGWAssociatedWithWAF", "Every method requires IAM (SigV4)"
                + " authorisation and the stage is throttled; a WAF web ACL can be attached per organisation.", List.of());
        Suppressions.addHipaaNist(stage, "APIGWCacheEnabledAndEncrypted", "No stage cache: answers depend on the caller's"
                + " identity and change with every update, and a cache keyed by request would serve them to others.");
        Suppressions.addHipaaNist(stage, "APIGWSSLEnabled", "A client certificate authenticates API Gateway to an HTTP"
                + " backend; the only integration is a Lambda proxy, which API Gateway invokes through IAM.");
        Suppressions.addHipaaNist(function.function().getNode().getDefaultChild(), "LambdaDLQ", "Only API Gateway invokes"
                + " it, synchronously: the caller gets the error, and a Lambda DLQ serves asynchronous invocations only.");
    }

    private static String roleArn(Stack stack, String namePattern) {
        return stack.formatArn(ArnComponents.builder().service("iam").region("").resource("role")
                .resourceName(namePattern).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    private void gatewayResponse(String id, ResponseType type, String code, String message, String status) {
        GatewayResponseOptions.Builder options = GatewayResponseOptions.builder()
                .type(type)
                .templates(Map.of("application/json", "{\"code\": \"" + code + "\", \"message\": " + message
                        + ", \"requestId\": \"$context.requestId\"}"));
        if (status != null) {
            options.statusCode(status);
        }
        api.addGatewayResponse(id, options.build());
    }

    public LakeFunction function() {
        return function;
    }

    public SpecRestApi api() {
        return api;
    }
}
