package io.datalake.locallake;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.datalake.core.AccessLevel;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The running local lake: storage ({@link LocalLake}), the REST API on loopback
 * ({@link ApiServer}), and a worker that feeds new drop-bucket objects to the ingest handler and
 * converts raw-complete updates to Parquet, every {@link #POLL} or on {@link #process()}.
 */
public final class LocalLakeRunner implements AutoCloseable {
    /** How often the worker looks for new deliveries and pending conversions. */
    public static final Duration POLL = Duration.ofMillis(500);

    private final LocalLake lake;
    private final ApiServer api;
    private final DropWatcher watcher;
    private final LocalConverter converter;
    private final RawExpiry rawExpiry;
    private final ScheduledExecutorService worker;
    private final PrintWriter log;

    /** Handlers built for a lake: how the runner obtains the ingest and API code. */
    public interface Handlers {
        Function<SQSEvent, SQSBatchResponse> ingest(LocalLake lake);

        /**
         * @param ingestQueue where the API sends its ingest requests (message bodies); the worker
         *     delivers them to the ingest handler as SQS would
         */
        Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> api(LocalLake lake, Consumer<String> ingestQueue);
    }

    /** Ports of the services; 0 picks a free one. */
    public record Ports(int s3, int dynamo, int api) {
    }

    private final Queue<String> ingestQueue;

    private LocalLakeRunner(LocalLake lake, ApiServer api, DropWatcher watcher, Queue<String> ingestQueue, PrintWriter log,
            boolean background) {
        this.lake = lake;
        this.ingestQueue = ingestQueue;
        this.api = api;
        this.watcher = watcher;
        this.converter = new LocalConverter(lake, Clock.systemUTC());
        this.rawExpiry = new RawExpiry(lake, Clock.systemUTC());
        this.log = log;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lake-worker");
            thread.setDaemon(true);
            return thread;
        });
        if (background) {
            worker.scheduleWithFixedDelay(this::processQuietly, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts the lake.
     *
     * @param routes the API's route templates with their methods ({@link ApiServer#routesOf})
     * @param background whether the worker polls by itself (tests call {@link #process()} instead)
     */
    public static LocalLakeRunner start(LakeNames names, Path folder, Ports ports, Handlers handlers,
            Map<String, List<String>> routes, PrintWriter log, boolean background) {
        LocalLake lake = LocalLake.start(names, folder, ports.s3(), ports.dynamo());
        try {
            Queue<String> queue = new ConcurrentLinkedQueue<>();
            Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler = handlers.api(lake, queue::add);
            ApiServer api = ApiServer.start(event -> handler.apply(asOwner(names, event)), routes, ports.api());
            DropWatcher watcher = new DropWatcher(lake, handlers.ingest(lake));
            RunningLake.announce(lake, api.endpoint());
            return new LocalLakeRunner(lake, api, watcher, queue, log, background);
        } catch (RuntimeException e) {
            lake.close();
            throw e;
        }
    }

    /**
     * Local requests about a dataset come from a session of its admin role: the local lake has no
     * IAM, and whoever runs it owns every dataset in it, so the API's owner-only routes (grants)
     * work as they do for a dataset's administrator on AWS.
     */
    static APIGatewayProxyRequestEvent asOwner(LakeNames names, APIGatewayProxyRequestEvent event) {
        String dataset = event.getPathParameters() == null ? null : event.getPathParameters().get("name");
        if (dataset != null && DatasetLayout.NAME.matcher(dataset).matches()
                && event.getRequestContext() != null && event.getRequestContext().getIdentity() != null) {
            String session = "arn:aws:sts::" + ApiServer.LOCAL_ACCOUNT + ":assumed-role/"
                    + names.datasetRole(dataset, AccessLevel.ADMIN) + "/local";
            event.getRequestContext().getIdentity().setUserArn(session);
            event.getRequestContext().getIdentity().setCaller(session);
        }
        return event;
    }

    /**
     * One round of work: deliver the API's queued ingest requests and new drops, then convert what
     * they completed. Returns deliveries plus conversions.
     */
    public synchronized int process() {
        List<String> bodies = new ArrayList<>();
        for (String body = ingestQueue.poll(); body != null; body = ingestQueue.poll()) {
            bodies.add(body);
        }
        rawExpiry.sweepIfDue();
        return watcher.deliver(bodies, ingestQueue::add) + watcher.poll() + converter.convertPending();
    }

    private void processQuietly() {
        try {
            process();
        } catch (RuntimeException e) {
            // The next round retries; the handlers are idempotent.
            log.println("lake local: " + e.getMessage());
            log.flush();
        }
    }

    public LocalLake lake() {
        return lake;
    }

    public URI apiEndpoint() {
        return api.endpoint();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
        RunningLake.withdraw(lake.folder());
        lake.close();
    }
}
