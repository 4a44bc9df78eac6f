package io.datalake.lambda.api.exceptions;

/**
 * A request the API refuses because of what the caller sent or asked for. Its message is shown to
 * the caller as is, so it names the field or part of the request and never holds internals. The
 * HTTP status of each kind is decided in one place, {@code ErrorResponses}.
 */
public abstract class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected ApiException(String message) {
        super(message, null, false, false);
    }

    /** The error code clients switch on, e.g. {@code BadRequest}: the simple class name. */
    public String code() {
        return getClass().getSimpleName();
    }
}
