package io.datalake.lambdas.ingest.exceptions;

/**
 * Base of the ingest service's own failures. Whether a failure is worth retrying decides what the
 * handler does with the message: {@link #retryable()} failures are reported back to SQS (which
 * redelivers, and after the queue's receive count moves the message to the dead-letter queue);
 * the others are final answers recorded in the registry or the quarantine.
 */
public abstract class IngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected IngestException(String message) {
        super(message);
    }

    protected IngestException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether trying the same message again may succeed. */
    public abstract boolean retryable();
}
