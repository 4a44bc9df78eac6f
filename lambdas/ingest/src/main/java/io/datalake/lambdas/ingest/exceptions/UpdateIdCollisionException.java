package io.datalake.lambdas.ingest.exceptions;

/**
 * Two deliveries of the same dataset were given the same update id in the same second (the id's
 * random suffix has 16 bits). The second delivery stops before writing anything, so the first
 * update stays intact; the message ends in the dead-letter queue, from which it can be redriven
 * after its ledger entry is removed.
 */
public class UpdateIdCollisionException extends IngestException {
    private static final long serialVersionUID = 1L;

    public UpdateIdCollisionException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
