package io.datalake.lambda.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Lambda handler of the lake's REST API ({@code io.datalake.lambda.api.ApiHandler::handleRequest}),
 * behind API Gateway's REST proxy integration with IAM authorisation. It reads its configuration
 * and builds its SDK clients once per container (see {@link ApiConfig} for the environment
 * variables) and hands each event to {@link RestApi}.
 *
 * <p>Under SnapStart, the runtime calls {@link #beforeCheckpoint} before taking the snapshot, which
 * primes the request path so the first restored invocation finds its classes loaded and compiled.
 */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {
    private final RestApi api;
    private final LakeClients clients;

    /** The constructor Lambda calls: configuration from the environment, real AWS clients. */
    public ApiHandler() {
        ApiConfig config = ApiConfig.fromEnvironment(System.getenv());
        this.clients = LakeClients.create(config);
        this.api = RestApi.create(ApiServices.of(config, clients), JsonLog.stdout());
        Core.getGlobalContext().register(this);
    }

    /** A handler over an API built elsewhere: tests, benchmarks, the local lake. */
    public ApiHandler(RestApi api) {
        this.api = api;
        this.clients = null;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return api.handle(event, context == null ? null : context.getAwsRequestId());
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        api.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: the SDK clients open connections and fetch credentials on demand.
    }

    /** The API this handler serves. */
    RestApi api() {
        return api;
    }

    /** The clients built by the no-argument constructor, or {@code null}. */
    LakeClients clients() {
        return clients;
    }
}
