package io.datalake.lambdas.ingest.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.datalake.lambdas.ingest.IngestClients;
import io.datalake.lambdas.ingest.IngestConfig;
import java.util.List;

/**
 * The cold-start baseline: a handler that reads the same configuration and builds the same SDK
 * clients as the ingest handler, once per container, and does nothing else.
 */
public final class BaselineHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final IngestClients CLIENTS = IngestClients.create(IngestConfig.fromEnvironment(System.getenv()));

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        if (CLIENTS.s3() == null) {
            throw new IllegalStateException("no clients");
        }
        return new SQSBatchResponse(List.of());
    }
}
