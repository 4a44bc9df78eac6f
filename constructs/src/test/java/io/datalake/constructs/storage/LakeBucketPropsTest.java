package io.datalake.constructs.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LakeBucketPropsTest {

    @Test
    void defaultsAreTheDocumentedConstants() {
        assertThat(LakeBucketProps.DEFAULT_ABORT_MULTIPART_DAYS).isEqualTo(7);
        LakeBucketProps props = LakeBucketProps.builder().bucketName("acme-logs").accessLogTarget(true).build();
        assertThat(props.noncurrentVersionDays()).isEqualTo(LakeBucketProps.DEFAULT_NONCURRENT_VERSION_DAYS).isEqualTo(90);
        assertThat(props.expirationDays()).isNull();
    }

    @Test
    void failsWithoutAKeyUnlessItIsTheLogBucket() {
        assertThatThrownBy(() -> LakeBucketProps.builder().bucketName("acme-data").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encryptionKey is required for bucket 'acme-data': only the access-log bucket may use S3-managed keys");
    }

    @Test
    void failsForOutOfRangeDays() {
        assertThatThrownBy(() -> LakeBucketProps.builder().bucketName("acme-logs").accessLogTarget(true)
                .noncurrentVersionDays(0).build())
                .hasMessage("noncurrentVersionDays must be between 1 and 3650, but 0 was given");
        assertThatThrownBy(() -> LakeBucketProps.builder().bucketName("acme-logs").accessLogTarget(true)
                .expirationDays(4000).build())
                .hasMessage("expirationDays must be between 1 and 3650, but 4000 was given");
    }
}
