package io.datalake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The local S3 lists what S3 would: complete objects only. */
class S3ListingTest {
    @TempDir
    static Path dir;
    static LocalS3 server;
    static S3Client s3;

    @BeforeAll
    static void start() {
        server = LocalS3.start(dir, 0);
        s3 = server.client();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    static List<String> keys(String bucket) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    @Test
    void foldersAreNotObjectsButExplicitPlaceholdersAreEmptyObjects() {
        s3.createBucket(b -> b.bucket("folders"));
        s3.putObject(r -> r.bucket("folders").key("a/b/c.csv"), RequestBody.fromString("1\n"));
        s3.putObject(r -> r.bucket("folders").key("a/placeholder/"), RequestBody.empty());
        List<S3Object> objects = s3.listObjectsV2(r -> r.bucket("folders")).contents();
        assertThat(objects).extracting(S3Object::key).containsExactly("a/b/c.csv", "a/placeholder/");
        assertThat(objects.get(1).size()).as("a placeholder is empty, so aws s3 sync skips it").isZero();
        assertThat(s3.listObjectsV2(r -> r.bucket("folders").prefix("a/").delimiter("/")).commonPrefixes())
                .extracting(CommonPrefix::prefix).containsExactly("a/b/", "a/placeholder/");
    }

    @Test
    void aPlaceholderWrittenAgainOverAFolderThatHoldsFilesSucceedsAndKeepsTheFiles() {
        s3.createBucket(b -> b.bucket("again"));
        s3.putObject(r -> r.bucket("again").key("ds/"), RequestBody.empty());
        s3.putObject(r -> r.bucket("again").key("ds/x.csv"), RequestBody.fromString("1\n"));
        s3.putObject(r -> r.bucket("again").key("ds/"), RequestBody.empty());
        assertThat(keys("again")).containsExactly("ds/", "ds/x.csv");
    }

    @Test
    void aMultipartUploadInProgressIsInvisibleUntilItCompletes() {
        s3.createBucket(b -> b.bucket("multipart"));
        String upload = s3.createMultipartUpload(r -> r.bucket("multipart").key("ds/big.bin")).uploadId();
        byte[] part = new byte[5 * 1024 * 1024];
        String etag1 = s3.uploadPart(r -> r.bucket("multipart").key("ds/big.bin").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(part)).eTag();
        String etag2 = s3.uploadPart(r -> r.bucket("multipart").key("ds/big.bin").uploadId(upload).partNumber(2),
                RequestBody.fromString("tail")).eTag();
        assertThat(Files.exists(dir.resolve("multipart").resolve(upload))).as("s3proxy's stub is there").isTrue();
        assertThat(keys("multipart")).as("parts and stubs are not objects").isEmpty();
        assertThat(s3.listObjectsV2(r -> r.bucket("multipart").delimiter("/")).commonPrefixes()).isEmpty();

        s3.completeMultipartUpload(r -> r.bucket("multipart").key("ds/big.bin").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build())));
        assertThat(keys("multipart")).containsExactly("ds/big.bin");
        assertThat(s3.headObject(r -> r.bucket("multipart").key("ds/big.bin")).contentLength()).isEqualTo(part.length + 4L);
    }

    @Test
    void aFileStillBeingReceivedIsInvisibleButFilesWrittenToDiskAreListed() throws Exception {
        s3.createBucket(b -> b.bucket("temporary"));
        Path bucket = dir.resolve("temporary");
        Files.createDirectories(bucket.resolve("ds"));
        // What the backend streams an upload into before renaming it: no MD5 attribute yet.
        Files.writeString(bucket.resolve("ds/orders.csv-0f8fad5b-d9cb-469f-a165-70867728950e"), "half");
        // What DuckDB writes straight into a bucket folder.
        Files.writeString(bucket.resolve("ds/part-0.parquet"), "PAR1");
        s3.putObject(r -> r.bucket("temporary").key("ds/report-0f8fad5b-d9cb-469f-a165-70867728950e"),
                RequestBody.fromString("a producer's own name"));
        assertThat(keys("temporary")).containsExactly("ds/part-0.parquet", "ds/report-0f8fad5b-d9cb-469f-a165-70867728950e");
    }

    @Test
    void keysWithControlCharactersListWhenUrlEncodingIsAsked() {
        s3.createBucket(b -> b.bucket("encoded"));
        s3.putObject(r -> r.bucket("encoded").key("ds/a\u0001b c+é.csv"), RequestBody.fromString("x"));
        assertThat(s3.listObjectsV2(r -> r.bucket("encoded").encodingType(EncodingType.URL)).contents())
                .extracting(S3Object::key).containsExactly("ds/a\u0001b c+é.csv");
    }
}
