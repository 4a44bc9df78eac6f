package io.datalake.app.lake;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.query.QueryResult;
import io.datalake.core.update.UpdateState;
import io.datalake.locallake.DemoData;
import io.datalake.locallake.LocalLakeRunner;
import io.datalake.locallake.LocalQuery;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The one-command tour: onboard the example datasets, drop a generated delivery for each into its
 * drop bucket as a producer would, wait until ingest and conversion have completed an update of
 * each, and query them.
 */
public final class LocalDemo {
    /** Rows in each demo delivery. */
    public static final int ROWS = 1000;
    /** The query the demo prints. */
    public static final String QUERY = "SELECT store_country, count(*) AS order_lines, sum(amount_eur) AS revenue_eur"
            + " FROM sales_orders GROUP BY store_country ORDER BY store_country";

    private final LocalLakeRunner runner;

    public LocalDemo(LocalLakeRunner runner) {
        this.runner = runner;
    }

    /**
     * Onboards the datasets and drops one delivery for each that producers deliver to; a dataset a
     * pipeline writes (Parquet, such as the example {@code daily_sales}) is onboarded only.
     *
     * @return the names of the datasets a delivery was dropped for
     */
    public List<String> deliver(Map<Path, DatasetSpec> datasets) {
        List<String> delivered = new ArrayList<>();
        for (Map.Entry<Path, DatasetSpec> entry : datasets.entrySet()) {
            DatasetSpec spec = entry.getValue();
            new LocalOnboarding(runner.lake().s3(), runner.lake().dynamo(), runner.lake().names()).onboard(spec,
                    LocalOnboarding.specJson(entry.getKey()));
            if (!DemoData.supports(spec)) {
                continue;
            }
            delivered.add(spec.name());
            DemoData.Delivery delivery = DemoData.delivery(spec, ROWS);
            runner.lake().s3().putObject(r -> r.bucket(runner.lake().names().dropBucket(spec.tier()))
                    .key(DatasetLayout.prefix(spec.name()) + delivery.fileName()), RequestBody.fromBytes(delivery.bytes()));
        }
        return List.copyOf(delivered);
    }

    /**
     * Waits until every dataset has a complete update.
     *
     * @return the complete update of each dataset
     * @throws LakeConfigException naming the datasets still incomplete, or the reason of a failed update
     */
    public Map<String, UpdateRecord> awaitComplete(List<String> datasets, Duration timeout) {
        UpdateRegistry updates = new UpdateRegistry(runner.lake().dynamo(), runner.lake().names());
        Instant deadline = Instant.now().plus(timeout);
        Map<String, UpdateRecord> complete = new LinkedHashMap<>();
        while (true) {
            for (String dataset : datasets) {
                updates.inState(dataset, UpdateState.COMPLETE).stream().findFirst().ifPresent(u -> complete.putIfAbsent(dataset, u));
                updates.inState(dataset, UpdateState.FAILED).stream().findFirst().ifPresent(u -> {
                    throw new LakeConfigException("the demo update of " + dataset + " failed: " + u.error());
                });
            }
            if (complete.size() == datasets.size()) {
                return complete;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LakeConfigException("no complete update after " + timeout.toSeconds() + " s for "
                        + datasets.stream().filter(d -> !complete.containsKey(d)).toList());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the demo updates", e);
            }
        }
    }

    /** Runs the demo's query. */
    public QueryResult query() {
        return new LocalQuery(runner.lake()).run(QUERY);
    }
}
