package io.datalake.lambda.api.exceptions;

/** The dataset, update, grant or route asked for does not exist. */
public final class NotFound extends ApiException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
        super(message);
    }
}
