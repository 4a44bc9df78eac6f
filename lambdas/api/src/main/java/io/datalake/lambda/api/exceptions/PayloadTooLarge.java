package io.datalake.lambda.api.exceptions;

/** The request body is larger than the API accepts. */
public final class PayloadTooLarge extends ApiException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLarge(String message) {
        super(message);
    }
}
