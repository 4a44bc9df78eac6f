package io.datalake.lambdas.ingest.exceptions;

/**
 * A written object is not what was meant to be written (its size differs from the source's). The
 * manifest is not written, so the update stays invisible; a retry writes the files again.
 */
public class VerificationException extends IngestException {
    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
