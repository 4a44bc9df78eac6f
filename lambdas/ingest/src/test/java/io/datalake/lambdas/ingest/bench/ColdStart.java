package io.datalake.lambdas.ingest.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.datalake.lambdas.ingest.IngestHandler;
import java.util.List;

/**
 * One cold start, as {@code bench/cold-start.sh} times it: a fresh JVM constructs the handler (as
 * Lambda does at init) and handles one SQS event with one S3 {@code Object Created} event, then
 * prints {@code COLD <handler> <ms>}: milliseconds from {@code -Dbench.t0} (the script's clock just
 * before it started the JVM) to the handled event.
 *
 * <p>Arguments: {@code ingest} or {@code baseline}, the drop bucket, the dropped key.
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) {
        long t0 = Long.parseLong(System.getProperty("bench.t0"));
        String bucket = args[1];
        String key = args[2];
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("bench-" + key);
        message.setBody("{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":{\"bucket\":{\"name\":\""
                + bucket + "\"},\"object\":{\"key\":\"" + key + "\",\"sequencer\":\"" + Long.toHexString(t0)
                + "\"},\"reason\":\"PutObject\"}}");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        RequestHandler<SQSEvent, SQSBatchResponse> handler = args[0].equals("ingest") ? new IngestHandler() : new BaselineHandler();
        SQSBatchResponse response = handler.handleRequest(event, null);
        java.time.Instant now = java.time.Instant.now();
        long millis = (now.getEpochSecond() * 1_000_000_000L + now.getNano() - t0) / 1_000_000L;
        System.out.println("COLD " + args[0] + " " + millis + " failures=" + response.getBatchItemFailures().size());
        System.exit(response.getBatchItemFailures().isEmpty() ? 0 : 1);
    }
}
