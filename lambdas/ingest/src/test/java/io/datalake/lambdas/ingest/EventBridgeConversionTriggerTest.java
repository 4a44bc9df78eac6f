package io.datalake.lambdas.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class EventBridgeConversionTriggerTest {
    @Test
    void theEventNamesTheUpdateAndItsManifest() throws Exception {
        try (EventBridgeClient client = EventBridgeClient.builder().region(Region.EU_WEST_1)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(io.datalake.local.LocalCredentials.provider()).build()) {
            EventBridgeConversionTrigger trigger = new EventBridgeConversionTrigger(client, "lake-bus", EventBridgeConversionTrigger.DEFAULT_SOURCE, "dev");

            PutEventsRequestEntry entry = trigger.entry(new RawComplete("sales_orders", UpdateId.parse("2026-11-21T101500Z-3f9a"),
                    Tier.INTERNAL, "acme-datalake-dev-internal-eu-west-1", "sales_orders/updates/2026-11-21T101500Z-3f9a.json"));

            assertThat(entry.source()).isEqualTo("datalake.ingest");
            assertThat(entry.detailType()).isEqualTo("Update raw-complete");
            assertThat(entry.eventBusName()).isEqualTo("lake-bus");
            JsonNode detail = new ObjectMapper().readTree(entry.detail());
            assertThat(detail.path("env").asText()).isEqualTo("dev");
            assertThat(detail.path("dataset").asText()).isEqualTo("sales_orders");
            assertThat(detail.path("update").asText()).isEqualTo("2026-11-21T101500Z-3f9a");
            assertThat(detail.path("tier").asText()).isEqualTo("internal");
            assertThat(detail.path("bucket").asText()).isEqualTo("acme-datalake-dev-internal-eu-west-1");
            assertThat(detail.path("manifestKey").asText()).isEqualTo("sales_orders/updates/2026-11-21T101500Z-3f9a.json");
        }
    }
}
