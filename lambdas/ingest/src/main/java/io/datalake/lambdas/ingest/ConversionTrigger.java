package io.datalake.lambdas.ingest;

/**
 * Hands a {@code raw-complete} update to whatever converts it to Parquet. On AWS that is an
 * EventBridge event ({@link EventBridgeConversionTrigger}) that starts the conversion job; tests
 * and the local lake record it ({@link InMemoryConversionTrigger}).
 *
 * <p>Delivery is at least once: a retry after a crash between the hand-off and the end of the
 * ingest hands the same update over again, so the conversion must treat the update id as its
 * idempotency key.
 */
@FunctionalInterface
public interface ConversionTrigger {
    /**
     * @throws RuntimeException when the hand-off failed; the ingest is retried
     */
    void rawComplete(RawComplete update);
}
