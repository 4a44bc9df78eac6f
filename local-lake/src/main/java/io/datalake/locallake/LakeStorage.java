package io.datalake.locallake;

import io.datalake.core.LakeNames;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local lake's storage as its readers see it: S3 and DynamoDB clients and where a bucket's
 * files are on disk. Either the lake this process runs, or one another process runs on the same folder.
 */
public interface LakeStorage {
    LakeNames names();

    S3Client s3();

    DynamoDbClient dynamo();

    /** Where a bucket's objects are on disk. */
    Path bucketFolder(String bucket);
}
