package io.datalake.lambda.api.exceptions;

/** The caller is known, but not one who may do this to this dataset (403). */
public final class Forbidden extends ApiException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
        super(message);
    }
}
