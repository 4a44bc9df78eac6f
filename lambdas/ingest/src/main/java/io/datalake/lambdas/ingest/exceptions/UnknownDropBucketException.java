package io.datalake.lambdas.ingest.exceptions;

/**
 * An event from a bucket that is not one of the environment's drop buckets: the event rule or the
 * function's environment is misconfigured. The object cannot be quarantined (the lake does not own
 * the bucket), so the message fails and ends in the dead-letter queue.
 */
public class UnknownDropBucketException extends IngestException {
    private static final long serialVersionUID = 1L;

    public UnknownDropBucketException(String bucket, String expected) {
        super("bucket '" + bucket + "' is not a drop bucket of this environment; expected one of " + expected);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
