package io.datalake.lambda.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.lambda.api.exceptions.ApiException;
import io.datalake.lambda.api.exceptions.BadRequest;
import io.datalake.lambda.api.routes.DatasetRoutes;
import io.datalake.lambda.api.routes.GrantRoutes;
import io.datalake.lambda.api.routes.LineageRoutes;
import io.datalake.lambda.api.routes.RunRoutes;
import io.datalake.lambda.api.routes.UpdateRoutes;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The REST API without Lambda: routes an API Gateway proxy event to its route, turns refusals and
 * faults into JSON responses ({@link ErrorResponses}) and logs one line per request. The Lambda
 * handler, the local HTTP adapter and the tests all go through {@link #handle}.
 */
public final class RestApi {
    private final Router router;
    private final JsonLog log;
    private final ApiServices services;

    RestApi(Router router, JsonLog log, ApiServices services) {
        this.router = router;
        this.log = log;
        this.services = services;
    }

    /** The API over the given services, with every route group. */
    public static RestApi create(ApiServices services, JsonLog log) {
        Router.Builder router = Router.builder();
        new DatasetRoutes(services).register(router);
        new UpdateRoutes(services).register(router);
        new GrantRoutes(services).register(router);
        new LineageRoutes(services).register(router);
        new RunRoutes(services).register(router);
        return new RestApi(router.build(), log, services);
    }

    /** Every route, as {@code GET /datasets/{name}}; the OpenAPI description lists the same. */
    public List<Router.Route> routes() {
        return router.routes();
    }

    /**
     * Handles one request. Never throws: a refusal is a 4xx response, anything else a 500 whose
     * body holds only the request id, while the log holds the details.
     *
     * @param invocationId the Lambda invocation's id, used when API Gateway gave no request id
     */
    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, String invocationId) {
        long start = System.nanoTime();
        String requestId = requestId(event, invocationId);
        String route = null;
        ApiResponse response;
        Throwable fault = null;
        try {
            if (event == null || event.getHttpMethod() == null || event.getPath() == null) {
                throw new BadRequest("httpMethod", "the event is not an API Gateway proxy request");
            }
            ApiRequest request = new ApiRequest(event, Map.of(), requestId);
            request.checkBodySize();
            Router.Match match = router.match(event.getHttpMethod(), event.getResource(), event.getPath(), event.getPathParameters());
            route = match.route().toString();
            response = match.handler().handle(new ApiRequest(event, match.parameters(), requestId));
        } catch (ApiException e) {
            response = ErrorResponses.of(e, requestId);
        } catch (RuntimeException e) {
            fault = e;
            response = ErrorResponses.fault(requestId);
        }
        ObjectNode entry = log.entry(fault == null ? "INFO" : "ERROR", fault == null ? "request" : "request failed")
                .put("requestId", requestId)
                .put("method", event == null ? null : event.getHttpMethod())
                .put("path", event == null ? null : event.getPath())
                .put("route", route)
                .put("status", response.status())
                .put("durationMs", (System.nanoTime() - start) / 1_000_000)
                .put("caller", callerArn(event));
        if (response.status() >= 400 && response.body().has("code")) {
            entry.put("errorCode", response.body().get("code").asText());
        }
        if (fault != null) {
            JsonLog.withError(entry, fault);
        }
        log.write(entry);
        return response.toEvent(requestId);
    }

    private static String requestId(APIGatewayProxyRequestEvent event, String invocationId) {
        if (event != null && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return invocationId != null ? invocationId : UUID.randomUUID().toString();
    }

    private static String callerArn(APIGatewayProxyRequestEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getIdentity() == null) {
            return null;
        }
        return event.getRequestContext().getIdentity().getUserArn();
    }

    /**
     * Runs requests through every layer once, before a SnapStart snapshot: routing, JSON, error
     * mapping, the DynamoDB client (a read of a dataset that cannot exist) and the S3 client (a HEAD
     * of a manifest that cannot exist). Read-only; failures are logged and ignored. SQS and IAM are
     * not primed: they would need a message sent or an extra permission.
     */
    public void prime() {
        try {
            services.s3().headObject(r -> r.bucket(services.names().dataBucket(io.datalake.core.Tier.INTERNAL))
                    .key("priming-probe/updates/2000-01-01T000000Z-0000.json"));
        } catch (RuntimeException expected) {
            // 404 or 403: either way the client's code paths ran.
        }
        for (String path : List.of("/datasets/priming_probe", "/datasets/Not-A-Name/updates", "/runs?limit=0")) {
            APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                    .withPath(path.contains("?") ? path.substring(0, path.indexOf('?')) : path)
                    .withHeaders(Map.of("Accept", "application/json"))
                    .withQueryStringParameters(path.contains("?") ? Map.of("limit", "0") : null);
            APIGatewayProxyResponseEvent response = handle(event, "priming");
            if (response.getStatusCode() >= 500) {
                log.write(log.entry("WARN", "priming request failed").put("path", path));
            }
        }
    }
}
