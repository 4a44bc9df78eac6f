package io.datalake.lambdas.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.Tier;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
    @Test
    void readsTheLakeFromEnvironmentVariables() {
        IngestConfig config = IngestConfig.fromEnvironment(Map.of("LAKE_ORG", "acme", "LAKE_ENV", "dev",
                "AWS_REGION", "eu-west-1", "LAKE_MAX_EXPANSION_RATIO", "50"));

        assertThat(config.names().dropBucket(Tier.INTERNAL)).isEqualTo("acme-datalake-drop-dev-internal-eu-west-1");
        assertThat(config.eventBus()).isEqualTo(IngestConfig.DEFAULT_EVENT_BUS).isEqualTo("default");
        assertThat(config.conversion()).isEqualTo(IngestConfig.Conversion.EVENTBRIDGE);
        assertThat(config.s3Endpoint()).isEmpty();
        assertThat(config.limits().maxExpansionRatio()).isEqualTo(50);
    }

    @Test
    void readsTheLocalLakesOverrides() {
        IngestConfig config = IngestConfig.fromEnvironment(Map.of("LAKE_ORG", "acme", "LAKE_ENV", "local",
                "LAKE_REGION", "us-east-1", "AWS_REGION", "eu-west-1", "LAKE_CONVERSION", "log",
                "LAKE_S3_ENDPOINT", "http://127.0.0.1:9000", "LAKE_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000",
                "LAKE_EVENT_BUS", "lake"));

        assertThat(config.environment().region()).isEqualTo("us-east-1");
        assertThat(config.conversion()).isEqualTo(IngestConfig.Conversion.LOG);
        assertThat(config.s3Endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(config.dynamoEndpoint()).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(config.eventBus()).isEqualTo("lake");
    }

    @Test
    void readsTheEnabledTiersAndTheEventSourceTheConstructSets() {
        IngestConfig config = IngestConfig.fromEnvironment(Map.of("LAKE_ORG", "acme", "LAKE_ENV", "dev",
                "LAKE_REGION", "eu-west-1", "LAKE_TIERS", "internal, sensitive", "LAKE_EVENT_SOURCE", "datalake.ingest"));

        assertThat(config.tiers()).containsExactly(Tier.INTERNAL, Tier.SENSITIVE);
        assertThat(config.eventSource()).isEqualTo("datalake.ingest").isEqualTo(EventBridgeConversionTrigger.DEFAULT_SOURCE);
        assertThat(IngestConfig.fromEnvironment(Map.of("LAKE_ORG", "acme", "LAKE_ENV", "dev", "AWS_REGION", "eu-west-1"))
                .tiers()).containsExactly(Tier.values());
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("LAKE_ORG", "acme", "LAKE_ENV", "dev",
                "AWS_REGION", "eu-west-1", "LAKE_TIERS", "internal,public")))
                .hasMessage("LAKE_TIERS must be one of internal, restricted, sensitive, but 'public' was given");
    }

    @Test
    void failsNamingTheVariable() {
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("LAKE_ENV", "dev", "AWS_REGION", "eu-west-1")))
                .hasMessage("the ingest function needs the environment variable LAKE_ORG");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("LAKE_ORG", "acme", "LAKE_ENV", "dev")))
                .hasMessage("the ingest function needs the environment variable LAKE_REGION (or AWS_REGION)");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("LAKE_ORG", "Acme!", "LAKE_ENV", "dev", "AWS_REGION", "eu-west-1")))
                .hasMessageStartingWith("the ingest function's environment: org must be");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("LAKE_ORG", "acme", "LAKE_ENV", "dev",
                "AWS_REGION", "eu-west-1", "LAKE_CONVERSION", "glue")))
                .hasMessage("LAKE_CONVERSION must be eventbridge or log, but 'glue' was given");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("LAKE_ORG", "acme", "LAKE_ENV", "dev",
                "AWS_REGION", "eu-west-1", "LAKE_S3_ENDPOINT", "localhost")))
                .hasMessage("LAKE_S3_ENDPOINT must be a URL such as http://127.0.0.1:9000, but 'localhost' was given");
    }
}
