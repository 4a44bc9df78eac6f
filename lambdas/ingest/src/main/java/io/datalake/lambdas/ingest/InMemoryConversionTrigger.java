package io.datalake.lambdas.ingest;

import java.util.ArrayList;
import java.util.List;

/** Records hand-offs in order instead of sending them: for tests and the local lake. Thread-safe. */
public final class InMemoryConversionTrigger implements ConversionTrigger {
    private final List<RawComplete> received = new ArrayList<>();

    @Override
    public synchronized void rawComplete(RawComplete update) {
        received.add(update);
    }

    /** Every hand-off so far, oldest first. */
    public synchronized List<RawComplete> received() {
        return List.copyOf(received);
    }
}
