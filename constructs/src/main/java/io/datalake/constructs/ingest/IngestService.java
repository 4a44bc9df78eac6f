package io.datalake.constructs.ingest;

import io.datalake.constructs.access.Grants;
import io.datalake.constructs.checks.Suppressions;
import io.datalake.constructs.compute.LakeFunction;
import io.datalake.constructs.compute.LakeFunctionProps;
import io.datalake.constructs.storage.DropZone;
import io.datalake.constructs.storage.TierBucket;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The ingest service: a Java Lambda function that consumes the drop zone's queue (S3 object events
 * and the API's ingest requests) with partial batch failure reporting, copies each delivery into
 * {@code <dataset>/raw/<update>/} of its tier's bucket, writes the manifest, records the update in
 * the registry and announces it on the default event bus for conversion. Its timeout is the
 * drop zone's consumer timeout, so the queue's visibility timeout stays six times as long; the
 * event source runs at most {@code settings.ingestMaxConcurrency} invocations at once.
 */
public class IngestService extends Construct {
    /** The event bus ingest announces raw-complete updates on. */
    public static final String EVENT_SOURCE = "datalake.ingest";

    private final LakeFunction function;

    public IngestService(Construct scope, String id, IngestServiceProps props) {
        super(scope, id);
        LakeNames names = props.names();
        this.function = new LakeFunction(this, "Function", LakeFunctionProps.builder()
                .functionName(names.environmentStack() + "-ingest")
                .description("Turns deliveries to " + names.environmentStack() + "'s drop buckets into updates")
                .code(props.code())
                .handler(props.handler())
                .timeout(props.dropZone().consumerTimeout())
                .environment(environment(names))
                .logKey(props.logKey())
                .build());
        int maxConcurrency = names.environment().settings().ingestMaxConcurrency();
        IFunction alias = function.alias();
        alias.addEventSource(SqsEventSource.Builder.create(props.dropZone().queue())
                .batchSize(props.batchSize())
                .maxBatchingWindow(Duration.seconds(5))
                .reportBatchItemFailures(true)
                .maxConcurrency(maxConcurrency)
                .build());
        IConstruct cfnFunction = function.function().getNode().getDefaultChild();
        Suppressions.addHipaaNist(cfnFunction, "LambdaConcurrency", "Its SQS event source caps it at " + maxConcurrency
                + " concurrent invocations (MaximumConcurrency, settings.ingestMaxConcurrency), which AWS recommends for"
                + " SQS consumers over reserved concurrency, whose throttling sends messages to the DLQ.");
        Suppressions.addHipaaNist(cfnFunction, "LambdaDLQ", "Only its SQS event source invokes it, and a Lambda DLQ"
                + " serves asynchronous invocations: failed messages go to the drop queue's dead-letter queue, which an"
                + " alarm watches.");

        props.dropZone().grantConsume(function.function());
        // Raw files are copied only from where deliveries come from: the drop buckets and the configured sources.
        List<String> copySources = new ArrayList<>();
        props.dropZone().dropBuckets().keySet().forEach(tier -> copySources.add(names.dropBucket(tier)));
        props.sourceBuckets().forEach(bucket -> copySources.add(bucket.getBucketName()));
        for (TierBucket tier : props.storage().tiers()) {
            tier.grantIngest(function.function(), copySources);
        }
        // Exactly the calls the ingest makes (lambdas/ingest/README.md "AWS permissions"), all conditional writes.
        props.registry().grantItems(function.function(), RegistryTable.DATASETS, List.of("dynamodb:GetItem"));
        props.registry().grantItems(function.function(), RegistryTable.UPDATES, List.of("dynamodb:GetItem", "dynamodb:PutItem"));
        props.registry().grantItems(function.function(), RegistryTable.DELIVERIES,
                List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"));
        props.sourceBuckets().forEach(bucket -> bucket.grantRead(function.function()));
        Grants.onPrincipal(function.function(), List.of("events:PutEvents"), List.of(Stack.of(this).formatArn(
                ArnComponents.builder().service("events").resource("event-bus").resourceName("default")
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build())));

        List<String> wildcards = new ArrayList<>(List.of("Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"));
        props.dropZone().dropBuckets().values().forEach(drop -> {
            wildcards.add("Resource::" + Suppressions.arnOf(drop) + "/*");
            wildcards.add("Resource::" + Suppressions.arnOf(drop) + "/" + DropZone.QUARANTINE_PREFIX + "*");
        });
        props.storage().tiers().forEach(tier -> {
            wildcards.add("Resource::" + Suppressions.arnOf(tier.bucket()) + "/*/raw/*");
            wildcards.add("Resource::" + Suppressions.arnOf(tier.bucket()) + "/*/updates/*");
        });
        Suppressions.add(function.role(), "AwsSolutions-IAM5", "Ingest serves every dataset: it reads any dropped object,"
                + " moves unknown ones to quarantine, and writes only the raw/ and updates/ folders of any dataset, never data/"
                + " and never a delete in the tier buckets. The KMS wildcards are the CDK's grant for the encrypted queue.",
                wildcards);
    }

    /** What the function reads its environment from: names of its buckets and tables. */
    static Map<String, String> environment(LakeNames names) {
        Map<String, String> env = new HashMap<>();
        env.put("LAKE_ORG", names.environment().org());
        env.put("LAKE_ENV", names.environment().name());
        env.put("LAKE_REGION", names.environment().region());
        env.put("LAKE_TIERS", names.environment().settings().enabledTiers().stream().map(Tier::id).collect(Collectors.joining(",")));
        env.put("LAKE_EVENT_SOURCE", EVENT_SOURCE);
        return env;
    }

    public LakeFunction function() {
        return function;
    }

}
