package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class ApiConfigTest {
    private static Map<String, String> variables() {
        Map<String, String> v = new HashMap<>();
        v.put("LAKE_ORG", "acme");
        v.put("LAKE_ENV", "dev");
        v.put("AWS_REGION", "eu-west-1");
        v.put("LAKE_INGEST_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/acme-datalake-dev-drop-events");
        return v;
    }

    @Test
    void readsTheEnvironmentVariablesTheConstructSets() {
        Map<String, String> v = variables();
        v.put("LAKE_SOURCE_BUCKETS", " partner-exports , vendor-feed ");
        v.put("LAKE_S3_ENDPOINT", "http://127.0.0.1:9000");
        ApiConfig config = ApiConfig.fromEnvironment(v);
        assertThat(config.names().dataBucket(io.datalake.core.Tier.INTERNAL)).isEqualTo("acme-datalake-dev-internal-eu-west-1");
        assertThat(config.sourceBuckets()).containsExactly("partner-exports", "vendor-feed");
        assertThat(config.s3Endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(config.dynamoDbEndpoint()).isEmpty();
    }

    @Test
    void prefersTheLakesRegionToTheFunctionsAndNeedsOne() {
        Map<String, String> v = variables();
        v.put("LAKE_REGION", "eu-central-1");
        assertThat(ApiConfig.fromEnvironment(v).region()).isEqualTo("eu-central-1");
        v.remove("LAKE_REGION");
        v.remove("AWS_REGION");
        assertThatThrownBy(() -> ApiConfig.fromEnvironment(v))
                .hasMessage("the environment variable LAKE_REGION (or AWS_REGION) must be set");
    }

    @Test
    void failsNamingAMissingVariable() {
        Map<String, String> v = variables();
        v.remove("LAKE_ENV");
        assertThatThrownBy(() -> ApiConfig.fromEnvironment(v)).hasMessage("the environment variable LAKE_ENV must be set");
        Map<String, String> w = variables();
        w.remove("LAKE_INGEST_QUEUE_URL");
        assertThatThrownBy(() -> ApiConfig.fromEnvironment(w)).hasMessageContaining("LAKE_INGEST_QUEUE_URL");
    }

    @Test
    void failsOnAnInvalidEnvironment() {
        Map<String, String> v = variables();
        v.put("LAKE_ENV", "Dev");
        assertThatThrownBy(() -> ApiConfig.fromEnvironment(v)).hasMessageContaining("env must be");
    }

    @Test
    void failsWhenASourceBucketIsOneOfTheLakesOwn() {
        Map<String, String> v = variables();
        v.put("LAKE_SOURCE_BUCKETS", "acme-datalake-dev-sensitive-eu-west-1");
        assertThatThrownBy(() -> ApiConfig.fromEnvironment(v)).hasMessageContaining("must name buckets outside the lake");
    }

    @Test
    void failsOnAnEndpointThatIsNotAUrl() {
        Map<String, String> v = variables();
        v.put("LAKE_SQS_ENDPOINT", "localhost");
        assertThatThrownBy(() -> ApiConfig.fromEnvironment(v)).hasMessageStartingWith("LAKE_SQS_ENDPOINT must be a URL");
    }

    @Test
    void usesThePartitionsGlobalRegionForIam() {
        assertThat(LakeClients.iamRegion("eu-west-1")).isEqualTo(Region.AWS_GLOBAL);
        assertThat(LakeClients.iamRegion("cn-north-1")).isEqualTo(Region.AWS_CN_GLOBAL);
        assertThat(LakeClients.iamRegion("us-gov-west-1")).isEqualTo(Region.AWS_US_GOV_GLOBAL);
    }
}
