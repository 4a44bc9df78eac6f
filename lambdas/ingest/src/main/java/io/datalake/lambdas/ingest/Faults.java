package io.datalake.lambdas.ingest;

/**
 * A seam for failure injection: the {@link Ingestor} calls it after every {@link IngestStep}. In
 * production it is {@link #NONE}; a test throws from it to simulate a crash at that point and then
 * checks that a retry leaves exactly one complete update.
 */
@FunctionalInterface
public interface Faults {
    /** Does nothing. */
    Faults NONE = (step, delivery) -> {
    };

    /**
     * Called after a step has completed.
     *
     * @param step the step just completed
     * @param delivery the delivery being ingested
     */
    void after(IngestStep step, Delivery delivery);
}
