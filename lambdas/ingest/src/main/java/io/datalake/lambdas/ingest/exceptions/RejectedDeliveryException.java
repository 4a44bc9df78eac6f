package io.datalake.lambdas.ingest.exceptions;

/**
 * A delivery the lake refuses for good: an archive that escapes its folder or expands beyond the
 * limits, a file that is not what the dataset declares, a source object that is gone. The update is
 * marked failed with this message as its reason (nothing was written under {@code raw/}), and a
 * dropped file moves to the quarantine. Retrying would give the same answer.
 */
public class RejectedDeliveryException extends IngestException {
    private static final long serialVersionUID = 1L;

    public RejectedDeliveryException(String reason) {
        super(reason);
    }

    public RejectedDeliveryException(String reason, Throwable cause) {
        super(reason, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
