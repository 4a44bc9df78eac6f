package io.datalake.app.lake;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import java.time.Instant;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Onboards a dataset on the local lake: records it in the registry as {@code deploy-dataset} does
 * on AWS, and creates its folder in the tier bucket and the drop bucket so producers see where to
 * drop. Doing it again replaces the registration, like a redeploy.
 */
public final class LocalOnboarding {
    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final LakeNames names;

    public LocalOnboarding(S3Client s3, DynamoDbClient dynamo, LakeNames names) {
        this.s3 = s3;
        this.dynamo = dynamo;
        this.names = names;
    }

    /** A dataset file as JSON, as the registry keeps it (YAML is read, JSON is written). */
    public static String specJson(java.nio.file.Path file) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                    new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                            .readTree(file.toFile()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** @param specJson the dataset file as JSON, as the registry keeps it */
    public void onboard(DatasetSpec dataset, String specJson) {
        new DatasetRegistry(dynamo, names).register(new DatasetRegistration(dataset.name(), dataset.tier(), dataset.owner(),
                dataset.description(), names.environment().name(), names.datasetStack(dataset.name()), specJson, Instant.now()));
        String prefix = DatasetLayout.prefix(dataset.name());
        for (String bucket : new String[] {names.dataBucket(dataset.tier()), names.dropBucket(dataset.tier())}) {
            // Only a new folder gets its placeholder: a redeploy has nothing to create (and one redeploy in the
            // full test suite saw the local S3 drop the connection on this write; the cause is not known).
            if (s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).maxKeys(1)).keyCount() == 0) {
                s3.putObject(r -> r.bucket(bucket).key(prefix), RequestBody.empty());
            }
        }
    }
}
