package io.datalake.lambda.api.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.datalake.lambda.api.ApiConfig;
import io.datalake.lambda.api.LakeClients;
import java.util.Map;

/**
 * The benchmark's baseline: builds the same configuration and SDK clients as the API handler and
 * answers every event with a constant, so the difference to {@code ApiHandler} is the API's own
 * work and its first calls to S3 and DynamoDB.
 */
public final class MinimalHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final LakeClients clients = LakeClients.create(ApiConfig.fromEnvironment(System.getenv()));

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return new APIGatewayProxyResponseEvent().withStatusCode(clients == null ? 500 : 200)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody("{}");
    }
}
