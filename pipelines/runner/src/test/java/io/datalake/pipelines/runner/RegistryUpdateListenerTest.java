package io.datalake.pipelines.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateEvents;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.local.LocalDynamo;
import io.datalake.registry.RegistrySchema;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.UpdateRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** The registry's updates table (DynamoDB Local) and the announcement of complete updates. */
class RegistryUpdateListenerTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static LocalDynamo local;
    static DynamoDbClient dynamo;
    static UpdateRegistry updates;
    final List<PutEventsRequestEntry> events = new ArrayList<>();
    final EventBridgeClient bus = new EventBridgeClient() {
        @Override
        public PutEventsResponse putEvents(PutEventsRequest request) {
            events.addAll(request.entries());
            return PutEventsResponse.builder().failedEntryCount(0).build();
        }

        @Override
        public String serviceName() {
            return "events";
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() {
        local = LocalDynamo.start();
        dynamo = local.client();
        RegistrySchema.createTables(dynamo, TestLakeFolder.NAMES);
        updates = new UpdateRegistry(dynamo, TestLakeFolder.NAMES);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        local.close();
    }

    RegistryUpdateListener listener() {
        return new RegistryUpdateListener(updates, new DatasetRegistry(dynamo, TestLakeFolder.NAMES), Optional.of(bus),
                TestLakeFolder.NAMES, dataset -> Tier.INTERNAL,
                Clock.fixed(T0.plusSeconds(30), ZoneOffset.UTC));
    }

    static UpdateManifest manifest(String dataset, UpdateId update, UpdateState state) {
        UpdateManifest.Builder b = UpdateManifest.builder().dataset(dataset).update(update).state(state)
                .source(new UpdateSource(UpdateSource.Kind.PIPELINE, null, "daily_sales", update.toString())).createdAt(T0);
        if (state == UpdateState.COMPLETE) {
            b.completedAt(T0.plusSeconds(20)).rowCount(3).dataFile(new ManifestFile("part-0.parquet", 10, "a".repeat(64)));
        }
        return b.build();
    }

    @Test
    void aPipelinesNewUpdateIsRecordedCompleteAndAnnounced() throws Exception {
        UpdateId update = UpdateId.parse("2026-11-21T100000Z-0001");
        listener().changed(manifest("daily_sales", update, UpdateState.COMPLETE), null);

        UpdateRecord record = updates.find("daily_sales", update).orElseThrow();
        assertThat(record.state()).isEqualTo(UpdateState.COMPLETE);
        assertThat(record.rows()).hasValue(3);
        assertThat(record.manifestKey()).isEqualTo("daily_sales/updates/" + update + ".json");
        assertThat(record.updatedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(events).hasSize(1);
        PutEventsRequestEntry event = events.get(0);
        assertThat(event.source()).isEqualTo(UpdateEvents.RUNNER_SOURCE);
        assertThat(event.detailType()).isEqualTo(UpdateEvents.COMPLETE);
        assertThat(event.eventBusName()).isEqualTo("default");
        JsonNode detail = new ObjectMapper().readTree(event.detail());
        assertThat(detail.get("env").asText()).isEqualTo("test");
        assertThat(detail.get("dataset").asText()).isEqualTo("daily_sales");
        assertThat(detail.get("update").asText()).isEqualTo(update.toString());
        assertThat(detail.get("tier").asText()).isEqualTo("internal");
        assertThat(detail.get("bucket").asText()).isEqualTo("acme-datalake-test-internal-eu-west-1");
        assertThat(detail.get("manifestKey").asText()).isEqualTo("daily_sales/updates/" + update + ".json");
    }

    @Test
    void aPipelinesUpdateRecordsItsDatasetAsADownstreamOfEachInput() {
        DatasetRegistry datasets = new DatasetRegistry(dynamo, TestLakeFolder.NAMES);
        for (String name : List.of("orders_up", "stores_up")) {
            datasets.register(new io.datalake.registry.DatasetRegistration(name, Tier.INTERNAL, "team", "", "test",
                    TestLakeFolder.NAMES.datasetStack(name), "{}", T0));
        }
        UpdateId update = UpdateId.parse("2026-11-21T100000Z-0009");
        UpdateManifest made = manifest("sales_by_store", update, UpdateState.COMPLETE).toBuilder()
                .upstream(new io.datalake.core.update.UpstreamRef("orders_up", UpdateId.parse("2026-11-20T020000Z-0001")))
                .upstream(new io.datalake.core.update.UpstreamRef("orders_up", UpdateId.parse("2026-11-21T020000Z-0002")))
                .upstream(new io.datalake.core.update.UpstreamRef("stores_up", UpdateId.parse("2026-11-01T000000Z-0003")))
                .build();

        listener().changed(made, null);
        listener().changed(made, null);

        assertThat(datasets.downstreams("orders_up")).containsExactly("sales_by_store");
        assertThat(datasets.downstreams("stores_up")).containsExactly("sales_by_store");
        assertThat(datasets.downstreams("sales_by_store")).isEmpty();
    }

    @Test
    void aConversionMovesTheUpdateFromRawCompleteOnceAndAFailureIsNotAnnounced() {
        UpdateId converted = UpdateId.parse("2026-11-21T100000Z-0002");
        UpdateId failed = UpdateId.parse("2026-11-21T100000Z-0003");
        for (UpdateId id : List.of(converted, failed)) {
            updates.create(new UpdateRecord("sales_orders", id, UpdateState.RAW_COMPLETE, "drop:b/k#1",
                    "sales_orders/updates/" + id + ".json", 100, null, T0, T0, null));
        }

        listener().changed(manifest("sales_orders", converted, UpdateState.COMPLETE), UpdateState.RAW_COMPLETE);
        listener().changed(manifest("sales_orders", converted, UpdateState.COMPLETE), UpdateState.RAW_COMPLETE);
        UpdateManifest bad = manifest("sales_orders", failed, UpdateState.RAW_COMPLETE).toBuilder()
                .state(UpdateState.FAILED).error("bad value").build();
        listener().changed(bad, UpdateState.RAW_COMPLETE);

        assertThat(updates.find("sales_orders", converted).orElseThrow().state()).isEqualTo(UpdateState.COMPLETE);
        assertThat(updates.find("sales_orders", failed).orElseThrow().error()).isEqualTo("bad value");
        // The second attempt found the update moved already: one announcement, none for the failure.
        assertThat(events).hasSize(1);
    }
}
