package io.datalake.lambda.api;

import io.datalake.core.update.IngestRequest;

/**
 * Where accepted ingest requests go: the ingest service's queue. An interface so the routes can be
 * tested without a queue service; {@link SqsIngestQueue} is the one used on AWS.
 */
public interface IngestQueue {
    /**
     * Sends one request. The ingest service is idempotent per delivery key, so sending the same
     * request again (a client's retry after a failure) is harmless.
     */
    void send(IngestRequest request);
}
