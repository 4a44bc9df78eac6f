package io.datalake.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.AccessLevel;
import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.UpdateId;
import io.datalake.core.update.UpdateState;
import io.datalake.local.LocalDynamo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Updates, deliveries, grants and runs against DynamoDB Local over HTTP. */
class RegistryTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:15:00Z");
    static LakeNames names;
    static LocalDynamo local;
    static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        names = new LakeNames(Environment.builder().org("acme").name("test").region("eu-west-1").build());
        local = LocalDynamo.start();
        dynamo = local.client();
        RegistrySchema.createTables(dynamo, names);
        RegistrySchema.createTables(dynamo, names); // a second time is harmless
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        local.close();
    }

    static UpdateRecord update(String dataset, int i, UpdateState state) {
        UpdateId id = UpdateId.parse(String.format("2026-11-21T10%04dZ-%04x", i, i));
        return new UpdateRecord(dataset, id, state, "drop:b/k#" + i, dataset + "/updates/" + id + ".json", 100L * i,
                state == UpdateState.COMPLETE ? (long) i : null, T0, T0, null);
    }

    @Test
    void updatesAreCreatedOnceAndMovedOnlyFromTheExpectedState() {
        UpdateRecord receiving = update("orders", 1, UpdateState.RECEIVING);
        UpdateRegistry updates = new UpdateRegistry(dynamo, names);
        assertThat(updates.create(receiving)).isTrue();
        assertThat(updates.create(receiving)).as("second create").isFalse();
        UpdateRecord raw = receiving.with(UpdateState.RAW_COMPLETE, T0.plusSeconds(5));
        assertThat(updates.transition(raw, UpdateState.RECEIVING)).isTrue();
        assertThat(updates.transition(raw.with(UpdateState.FAILED, T0), UpdateState.RECEIVING)).as("stale worker").isFalse();
        assertThat(updates.find("orders", receiving.update())).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(UpdateState.RAW_COMPLETE);
            assertThat(r.updatedAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(r.rawBytes()).isEqualTo(100);
        });
    }

    @Test
    void pagesGoNewestFirstAndCoverEveryUpdateOnce() {
        UpdateRegistry updates = new UpdateRegistry(dynamo, names);
        for (int i = 1; i <= 7; i++) {
            updates.create(update("paged", i, i % 2 == 0 ? UpdateState.COMPLETE : UpdateState.RAW_COMPLETE));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<UpdateRecord> page = updates.page("paged", 3, cursor);
            page.items().forEach(r -> seen.add(r.update().toString()));
            cursor = page.next().orElse(null);
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(updates.inState("paged", UpdateState.COMPLETE)).extracting(UpdateRecord::rowCount).containsExactly(2L, 4L, 6L);
        assertThatThrownBy(() -> updates.page("paged", 3, "not-a-token"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a token this API returned");
    }

    @Test
    void aDeliveryClaimedTwiceNamesTheSameUpdate() {
        DeliveryLedger ledger = new DeliveryLedger(dynamo, names);
        UpdateId first = UpdateId.parse("2026-11-21T101500Z-0001");
        UpdateId second = UpdateId.parse("2026-11-21T101501Z-0002");
        DeliveryLedger.Claim claim = ledger.claim("drop:bucket/sales/a.csv#v1", "sales", first, T0);
        assertThat(claim.fresh()).isTrue();
        DeliveryLedger.Claim again = ledger.claim("drop:bucket/sales/a.csv#v1", "sales", second, T0.plusSeconds(1));
        assertThat(again.fresh()).isFalse();
        assertThat(again.update()).isEqualTo(first);
        assertThat(again.done()).isFalse();
        ledger.markDone("drop:bucket/sales/a.csv#v1");
        assertThat(ledger.claim("drop:bucket/sales/a.csv#v1", "sales", second, T0).done()).isTrue();
        assertThat(ledger.claim("drop:bucket/sales/a.csv#v2", "sales", second, T0).fresh()).as("another version").isTrue();
    }

    @Test
    void grantsAreListedAndRevokedOnce() {
        GrantRegistry grants = new GrantRegistry(dynamo, names);
        grants.grant(new GrantRecord("hr", "arn:aws:iam::123456789012:role/analysts", AccessLevel.READ, "admin", T0));
        grants.grant(new GrantRecord("hr", "arn:aws:iam::123456789012:role/loader", AccessLevel.WRITE, null, T0));
        assertThat(grants.list("hr")).extracting(GrantRecord::level).containsExactly(AccessLevel.READ, AccessLevel.WRITE);
        assertThat(grants.revoke("hr", "arn:aws:iam::123456789012:role/analysts")).isTrue();
        assertThat(grants.revoke("hr", "arn:aws:iam::123456789012:role/analysts")).isFalse();
        assertThat(grants.list("hr")).hasSize(1);
    }

    @Test
    void aDatasetsGrantLockHasOneHolderUntilReleasedOrItsLeaseRunsOut() {
        GrantRegistry grants = new GrantRegistry(dynamo, names);
        java.time.Duration lease = java.time.Duration.ofSeconds(60);
        assertThat(grants.lock("payroll", "request-a", T0, lease)).isTrue();
        assertThat(grants.lock("payroll", "request-b", T0.plusSeconds(1), lease)).as("held").isFalse();
        assertThat(grants.lock("other", "request-b", T0.plusSeconds(1), lease)).as("per dataset").isTrue();
        assertThat(grants.list("payroll")).as("the lock is no grant").isEmpty();

        grants.unlock("payroll", "request-b"); // not the holder: nothing happens
        assertThat(grants.lock("payroll", "request-c", T0.plusSeconds(2), lease)).isFalse();
        grants.unlock("payroll", "request-a");
        assertThat(grants.lock("payroll", "request-c", T0.plusSeconds(3), lease)).isTrue();

        // A holder that died leaves a lease that runs out; then another request may take it.
        assertThat(grants.lock("payroll", "request-d", T0.plusSeconds(62), lease)).isFalse();
        assertThat(grants.lock("payroll", "request-d", T0.plusSeconds(64), lease)).isTrue();
    }

    @Test
    void aChangeUnderTheLockRunsOnceAndGivesTheLockBackEvenWhenItFails() {
        GrantRegistry grants = new GrantRegistry(dynamo, names);
        java.time.Clock clock = java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC);
        assertThat(grants.underLock("audit", "request-a", clock, () -> "changed")).contains("changed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> grants.underLock("audit", "request-b", clock, () -> {
            throw new IllegalStateException("IAM failed");
        })).hasMessage("IAM failed");
        assertThat(grants.lock("audit", "request-c", T0, GrantRegistry.LOCK_LEASE)).as("given back both times").isTrue();
    }

    @Test
    void runsAreListedNewestFirst() {
        RunRegistry runs = new RunRegistry(dynamo, names);
        runs.record(new RunRecord("daily_sales", "r1", RunRecord.RUNNING, T0, null, null, null));
        runs.record(new RunRecord("daily_sales", "r1", RunRecord.SUCCEEDED, T0, T0.plusSeconds(9), 42L, null));
        runs.record(new RunRecord("daily_sales", "r2", RunRecord.FAILED, T0.plusSeconds(60), T0.plusSeconds(61), null, "boom"));
        runs.record(new RunRecord("other", "r1", RunRecord.RUNNING, T0.plusSeconds(30), null, null, null));
        assertThat(runs.list("daily_sales", 10)).extracting(RunRecord::runId).containsExactly("r2", "r1");
        assertThat(runs.list("daily_sales", 10).get(1).rows()).isEqualTo(42L);
        assertThat(runs.recent(2)).extracting(RunRecord::pipeline).containsExactly("daily_sales", "other");
    }

    @Test
    void tablesFollowTheRegistryTableNames() {
        assertThat(dynamo.listTables().tableNames()).containsAll(java.util.Arrays.stream(RegistryTable.values())
                .map(names::registryTable).toList());
    }
}
