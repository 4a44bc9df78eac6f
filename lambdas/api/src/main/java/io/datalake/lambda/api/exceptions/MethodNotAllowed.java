package io.datalake.lambda.api.exceptions;

import java.util.List;

/** The path exists, but not with this HTTP method. */
public final class MethodNotAllowed extends ApiException {
    private static final long serialVersionUID = 1L;
    private final List<String> allowed;

    public MethodNotAllowed(String message, List<String> allowed) {
        super(message);
        this.allowed = List.copyOf(allowed);
    }

    /** The methods the path accepts, for the {@code Allow} header. */
    public List<String> allowed() {
        return allowed;
    }
}
