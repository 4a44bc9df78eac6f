package io.datalake.lambda.api.exceptions;

import java.util.Objects;

/** The request is malformed: a field, parameter, header or the body is missing or invalid. */
public final class BadRequest extends ApiException {
    private static final long serialVersionUID = 1L;
    private final String field;

    /**
     * @param field the part of the request at fault as the caller wrote it: a body field
     *              ({@code source}), a path or query parameter ({@code limit}), a header
     *              ({@code Idempotency-Key}) or {@code body}
     */
    public BadRequest(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    public String field() {
        return field;
    }
}
