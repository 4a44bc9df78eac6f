package io.datalake.lambda.api.exceptions;

/** The request is valid but clashes with the current state: a grant that exists, a delivery of another dataset. */
public final class Conflict extends ApiException {
    private static final long serialVersionUID = 1L;

    public Conflict(String message) {
        super(message);
    }
}
