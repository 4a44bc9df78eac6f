package io.datalake.lambda.api.fakes;

import io.datalake.core.update.IngestRequest;
import io.datalake.lambda.api.IngestQueue;
import java.util.ArrayList;
import java.util.List;

/** An ingest queue that keeps what it is sent, for route tests. */
public final class InMemoryIngestQueue implements IngestQueue {
    private final List<IngestRequest> sent = new ArrayList<>();

    @Override
    public synchronized void send(IngestRequest request) {
        sent.add(request);
    }

    public synchronized List<IngestRequest> sent() {
        return List.copyOf(sent);
    }

    public synchronized void clear() {
        sent.clear();
    }
}
