package io.datalake.lambda.api.exceptions;

/** The request body is not declared as JSON ({@code Content-Type: application/json}). */
public final class UnsupportedMediaType extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaType(String message) {
        super(message);
    }
}
