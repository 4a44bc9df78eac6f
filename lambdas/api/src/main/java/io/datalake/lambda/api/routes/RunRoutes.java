package io.datalake.lambda.api.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.lambda.api.ApiRequest;
import io.datalake.lambda.api.ApiResponse;
import io.datalake.lambda.api.ApiServices;
import io.datalake.lambda.api.Json;
import io.datalake.lambda.api.Router;
import io.datalake.lambda.api.exceptions.BadRequest;
import io.datalake.registry.RunRecord;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code GET /runs}: the latest pipeline runs, newest first, optionally of one pipeline. */
public final class RunRoutes {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    private static final Pattern PIPELINE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final ApiServices services;

    public RunRoutes(ApiServices services) {
        this.services = services;
    }

    public void register(Router.Builder router) {
        router.add("GET", "/runs", this::list);
    }

    ApiResponse list(ApiRequest request) {
        request.allowQuery(Set.of("limit", "pipeline"));
        int limit = request.limit(DEFAULT_LIMIT, MAX_LIMIT);
        Optional<String> pipeline = request.query("pipeline");
        if (pipeline.isPresent() && !PIPELINE.matcher(pipeline.get()).matches()) {
            throw new BadRequest("pipeline", "pipeline must be a pipeline's name (letters, digits, '_', '.', '-'), but '"
                    + pipeline.get() + "' was given");
        }
        List<RunRecord> runs = pipeline.isPresent()
                ? services.runs().list(pipeline.get(), limit)
                : services.runs().recent(limit);
        ArrayNode items = Json.array();
        runs.forEach(r -> items.add(run(r)));
        ObjectNode body = Json.object();
        body.set("runs", items);
        return ApiResponse.ok(body);
    }

    private static ObjectNode run(RunRecord r) {
        ObjectNode node = Json.object().put("pipeline", r.pipeline()).put("runId", r.runId()).put("state", r.state())
                .put("startedAt", r.startedAt().toString());
        if (r.endedAt() != null) {
            node.put("endedAt", r.endedAt().toString());
        }
        if (r.rows() != null) {
            node.put("rows", r.rows());
        }
        if (r.error() != null) {
            node.put("error", r.error());
        }
        return node;
    }
}
