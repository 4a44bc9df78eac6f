package io.datalake.lambda.api.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.core.AccessLevel;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.lambda.api.ApiRequest;
import io.datalake.lambda.api.ApiResponse;
import io.datalake.lambda.api.ApiServices;
import io.datalake.lambda.api.Json;
import io.datalake.lambda.api.Router;
import io.datalake.registry.DatasetRegistration;
import java.util.Set;

/** {@code GET /datasets} and {@code GET /datasets/{name}}: the datasets registered in the environment. */
public final class DatasetRoutes {
    private final ApiServices services;

    public DatasetRoutes(ApiServices services) {
        this.services = services;
    }

    public void register(Router.Builder router) {
        router.add("GET", "/datasets", this::list);
        router.add("GET", "/datasets/{name}", this::get);
    }

    ApiResponse list(ApiRequest request) {
        request.allowQuery(Set.of());
        ArrayNode datasets = Json.array();
        services.datasets().list().forEach(d -> datasets.add(summary(d)));
        ObjectNode body = Json.object();
        body.set("datasets", datasets);
        return ApiResponse.ok(body);
    }

    ApiResponse get(ApiRequest request) {
        request.allowQuery(Set.of());
        DatasetRegistration dataset = Lookups.dataset(services.datasets(), request);
        LakeNames names = services.names();
        ObjectNode body = summary(dataset);
        body.putObject("storage")
                .put("bucket", names.dataBucket(dataset.tier()))
                .put("prefix", DatasetLayout.prefix(dataset.dataset()))
                .put("dropBucket", names.dropBucket(dataset.tier()))
                .put("dropPrefix", DatasetLayout.prefix(dataset.dataset()));
        ObjectNode roles = body.putObject("roles");
        for (AccessLevel level : AccessLevel.values()) {
            roles.put(level.id(), names.datasetRole(dataset.dataset(), level));
        }
        // The spec is kept as JSON by deploy-dataset; anything else is shown as absent, not as an error.
        Json.parseOwn(dataset.spec()).filter(s -> s.isObject()).ifPresent(spec -> body.set("spec", spec));
        return ApiResponse.ok(body);
    }

    private static ObjectNode summary(DatasetRegistration d) {
        return Json.object().put("name", d.dataset()).put("tier", d.tier().id()).put("owner", d.owner())
                .put("description", d.description()).put("env", d.env()).put("stackName", d.stackName())
                .put("deployedAt", d.deployedAt().toString());
    }
}
