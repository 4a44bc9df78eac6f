package io.datalake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** In a drop bucket, an upload never replaces a delivery that was not taken yet. */
class WaitingWritesTest {

    @Test
    void anUploadOfAKeyStillHoldingADeliveryIsAnsweredSlowDownAfterTheWait(@TempDir Path dir) {
        DropBuckets drops = new DropBuckets(Set.of("drop"), List.of("quarantine/"), Duration.ofMillis(200));
        try (LocalS3 server = LocalS3.start(dir, 0, drops); S3Client s3 = server.client()) {
            s3.createBucket(b -> b.bucket("drop"));
            s3.createBucket(b -> b.bucket("other"));
            s3.putObject(r -> r.bucket("drop").key("ds/x.csv"), RequestBody.fromString("first"));
            assertThatThrownBy(() -> s3.putObject(r -> r.bucket("drop").key("ds/x.csv"), RequestBody.fromString("second")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
            assertThat(s3.getObjectAsBytes(r -> r.bucket("drop").key("ds/x.csv")).asUtf8String()).isEqualTo("first");

            s3.putObject(r -> r.bucket("other").key("ds/x.csv"), RequestBody.fromString("1"));
            s3.putObject(r -> r.bucket("other").key("ds/x.csv"), RequestBody.fromString("2"));
            assertThat(s3.getObjectAsBytes(r -> r.bucket("other").key("ds/x.csv")).asUtf8String())
                    .as("other buckets overwrite, as S3 does").isEqualTo("2");
        }
    }

    @Test
    void failsOnANonPositiveWait() {
        assertThatThrownBy(() -> new DropBuckets(Set.of(), List.of(), Duration.ZERO))
                .hasMessage("maxWait must be positive, but PT0S was given");
    }
}
