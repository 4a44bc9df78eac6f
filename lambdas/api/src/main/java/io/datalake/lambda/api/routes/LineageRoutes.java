package io.datalake.lambda.api.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import io.datalake.core.update.UpstreamRef;
import io.datalake.lambda.api.ApiRequest;
import io.datalake.lambda.api.ApiResponse;
import io.datalake.lambda.api.ApiServices;
import io.datalake.lambda.api.Json;
import io.datalake.lambda.api.Router;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.Page;
import io.datalake.registry.UpdateRecord;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /datasets/{name}/lineage}: where a dataset's updates came from. Upstreams are read from
 * the manifests of its updates (S3 is the source of truth), a page of updates at a time, newest
 * first, paged like the updates list. Downstreams are the datasets pipelines have made from this
 * one: each run records its output on its inputs' registry items.
 */
public final class LineageRoutes {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    private final ApiServices services;

    public LineageRoutes(ApiServices services) {
        this.services = services;
    }

    public void register(Router.Builder router) {
        router.add("GET", "/datasets/{name}/lineage", this::lineage);
    }

    ApiResponse lineage(ApiRequest request) {
        request.allowQuery(Set.of("limit", "nextToken"));
        int limit = request.limit(DEFAULT_LIMIT, MAX_LIMIT);
        String token = request.query("nextToken").orElse(null);
        DatasetRegistration dataset = Lookups.dataset(services.datasets(), request);
        Page<UpdateRecord> page = UpdateRoutes.page(services, dataset.dataset(), limit, token);

        ArrayNode updates = Json.array();
        Map<String, TreeSet<String>> upstreams = new TreeMap<>();
        for (UpdateRecord record : page.items()) {
            ObjectNode node = updates.addObject().put("update", record.update().toString()).put("state", record.state().id());
            ArrayNode refs = node.putArray("upstreams");
            // A receiving update has no manifest yet: ingest writes it when the raw files are complete.
            Optional<UpdateManifest> manifest = record.state() == UpdateState.RECEIVING ? Optional.empty()
                    : UpdateRoutes.manifest(services, dataset, record.update(), () -> Optional.of(record));
            node.put("manifest", manifest.isPresent());
            for (UpstreamRef ref : manifest.map(UpdateManifest::upstreams).orElse(java.util.List.of())) {
                refs.addObject().put("dataset", ref.dataset()).put("update", ref.update().toString());
                upstreams.computeIfAbsent(ref.dataset(), d -> new TreeSet<>()).add(ref.update().toString());
            }
        }
        ObjectNode body = Json.object().put("dataset", dataset.dataset());
        ArrayNode datasets = body.putArray("upstreams");
        upstreams.forEach((name, ids) -> {
            ArrayNode list = datasets.addObject().put("dataset", name).putArray("updates");
            ids.forEach(list::add);
        });
        ArrayNode downstreams = body.putArray("downstreams");
        services.datasets().downstreams(dataset.dataset()).forEach(downstreams::add);
        body.set("updates", updates);
        page.next().ifPresent(next -> body.put("nextToken", next));
        return ApiResponse.ok(body);
    }
}
