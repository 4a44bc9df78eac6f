package io.datalake.lambda.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.lambda.api.exceptions.ApiException;
import io.datalake.lambda.api.exceptions.BadRequest;
import io.datalake.lambda.api.exceptions.Conflict;
import io.datalake.lambda.api.exceptions.Forbidden;
import io.datalake.lambda.api.exceptions.MethodNotAllowed;
import io.datalake.lambda.api.exceptions.NotFound;
import io.datalake.lambda.api.exceptions.PayloadTooLarge;
import io.datalake.lambda.api.exceptions.UnsupportedMediaType;
import java.util.Map;

/**
 * The one place where failures become HTTP responses. Each {@link ApiException} type has its
 * status here; anything else is a fault of the lake, answered 500 with the request id and a
 * generic message, while the details go to the log only.
 *
 * <p>Every error body has the same shape, the OpenAPI {@code Error} schema:
 * {@code {"code": "BadRequest", "message": "...", "field": "limit", "requestId": "..."}}.
 */
public final class ErrorResponses {
    /** The status of each kind of refusal. */
    static final Map<Class<? extends ApiException>, Integer> STATUS = Map.of(
            BadRequest.class, 400,
            Forbidden.class, 403,
            NotFound.class, 404,
            MethodNotAllowed.class, 405,
            Conflict.class, 409,
            PayloadTooLarge.class, 413,
            UnsupportedMediaType.class, 415);
    /** The code of a fault, the only 500. */
    public static final String INTERNAL = "InternalError";

    private ErrorResponses() {
    }

    /** The status of a refusal. */
    public static int status(ApiException e) {
        Integer status = STATUS.get(e.getClass());
        if (status == null) {
            throw new IllegalStateException(e.getClass().getName() + " has no HTTP status in ErrorResponses.STATUS");
        }
        return status;
    }

    /** The response to a refusal: its status, code, message and the field at fault. */
    public static ApiResponse of(ApiException e, String requestId) {
        ObjectNode body = Json.object().put("code", e.code()).put("message", e.getMessage());
        if (e instanceof BadRequest bad) {
            body.put("field", bad.field());
        }
        body.put("requestId", requestId);
        ApiResponse response = ApiResponse.of(status(e), body);
        if (e instanceof MethodNotAllowed method) {
            response.header("Allow", String.join(", ", method.allowed()));
        }
        return response;
    }

    /** The response to a fault: nothing of the exception reaches the caller but the request id. */
    public static ApiResponse fault(String requestId) {
        return ApiResponse.of(500, Json.object().put("code", INTERNAL)
                .put("message", "the lake failed to answer; quote the request id " + requestId + " when you report it")
                .put("requestId", requestId));
    }
}
