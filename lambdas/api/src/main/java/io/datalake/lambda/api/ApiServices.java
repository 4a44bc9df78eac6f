package io.datalake.lambda.api;

import io.datalake.core.LakeNames;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.DeliveryLedger;
import io.datalake.registry.GrantRegistry;
import io.datalake.registry.RunRegistry;
import io.datalake.registry.UpdateRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Everything the routes work with, built once per container: the environment's names, the
 * registry tables, S3, the ingest queue, IAM trust policies, a clock and a random source.
 */
public record ApiServices(LakeNames names, DatasetRegistry datasets, UpdateRegistry updates, DeliveryLedger ledger,
                          GrantRegistry grants, RunRegistry runs, S3Client s3, IngestQueue queue,
                          TrustPolicies trust, Set<String> sourceBuckets, Clock clock, RandomGenerator random) {
    public ApiServices {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(datasets, "datasets");
        Objects.requireNonNull(updates, "updates");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(trust, "trust");
        sourceBuckets = Set.copyOf(sourceBuckets);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
    }

    /**
     * The services of one environment over the given clients, with an ingest queue and trust
     * policies of the caller's choosing (tests pass an in-memory queue).
     */
    public static ApiServices of(LakeNames names, DynamoDbClient dynamo, S3Client s3, IngestQueue queue,
                                 TrustPolicies trust, Set<String> sourceBuckets, Clock clock, RandomGenerator random) {
        return new ApiServices(names, new DatasetRegistry(dynamo, names), new UpdateRegistry(dynamo, names),
                new DeliveryLedger(dynamo, names), new GrantRegistry(dynamo, names), new RunRegistry(dynamo, names),
                s3, queue, trust, sourceBuckets, clock, random);
    }

    /** The services on AWS: SQS for the queue, IAM for trust policies. */
    public static ApiServices of(ApiConfig config, LakeClients clients) {
        return of(config.names(), clients.dynamo(), clients.s3(), new SqsIngestQueue(clients.sqs(), config.ingestQueueUrl()),
                new IamTrustPolicies(clients.iam()), config.sourceBuckets(), Clock.systemUTC(), new java.security.SecureRandom());
    }
}
