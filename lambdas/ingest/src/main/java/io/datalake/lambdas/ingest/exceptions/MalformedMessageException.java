package io.datalake.lambdas.ingest.exceptions;

/**
 * A queue message that is neither an S3 {@code Object Created} event nor an ingest request. It is
 * reported as a failed batch item, so SQS moves it to the dead-letter queue for a person to read,
 * rather than dropping it silently.
 */
public class MalformedMessageException extends IngestException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Retrying cannot fix the message, but failing it is what routes it to the dead-letter queue. */
    @Override
    public boolean retryable() {
        return false;
    }
}
