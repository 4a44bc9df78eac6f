package io.datalake.lambda.api.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.core.AccessLevel;
import io.datalake.lambda.api.ApiRequest;
import io.datalake.lambda.api.ApiResponse;
import io.datalake.lambda.api.ApiServices;
import io.datalake.lambda.api.Json;
import io.datalake.core.PercentCodec;
import io.datalake.lambda.api.Router;
import io.datalake.lambda.api.TrustPolicies;
import io.datalake.lambda.api.TrustPolicy;
import io.datalake.lambda.api.exceptions.BadRequest;
import io.datalake.lambda.api.exceptions.Conflict;
import io.datalake.lambda.api.exceptions.NotFound;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.GrantRecord;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Grants: a principal may assume a dataset's read or write role. A grant is two writes, the role's
 * trust policy in IAM (the statement {@value TrustPolicy#SID}, see {@link TrustPolicy}) and the
 * grants table, done in that order so that the table never claims access IAM does not give. A
 * grant or revoke that failed between the two is completed by repeating it: IAM already holding
 * the principal in the API's statement is not a conflict. Admin access is not granted here: it
 * belongs in the dataset file, where it is reviewed. Only the dataset's administrators may grant or
 * revoke ({@link GrantAuthority}); anyone the API lets in may list.
 */
public final class GrantRoutes {
    private static final List<AccessLevel> GRANTABLE = List.of(AccessLevel.READ, AccessLevel.WRITE);

    private final ApiServices services;

    public GrantRoutes(ApiServices services) {
        this.services = services;
    }

    public void register(Router.Builder router) {
        router.add("GET", "/datasets/{name}/grants", this::list);
        router.add("POST", "/datasets/{name}/grants", this::grant);
        router.add("DELETE", "/datasets/{name}/grants/{principal}", this::revoke);
    }

    ApiResponse list(ApiRequest request) {
        request.allowQuery(Set.of());
        DatasetRegistration dataset = Lookups.dataset(services.datasets(), request);
        ArrayNode grants = Json.array();
        services.grants().list(dataset.dataset()).forEach(g -> grants.add(grant(g)));
        ObjectNode body = Json.object().put("dataset", dataset.dataset());
        body.set("grants", grants);
        return ApiResponse.ok(body);
    }

    ApiResponse grant(ApiRequest request) {
        request.allowQuery(Set.of());
        Lookups.datasetName(request);
        ObjectNode body = request.jsonBody(Set.of("principal", "level"));
        String principal = Lookups.roleArn("principal", ApiRequest.text(body, "principal").orElse(null));
        AccessLevel level = level(ApiRequest.text(body, "level").orElse(null));
        DatasetRegistration dataset = Lookups.dataset(services.datasets(), request);
        GrantAuthority.requireAdmin(services.names(), services.trust(), dataset, request.callerArn());
        return locked(dataset.dataset(), request, () -> grant(request, dataset.dataset(), principal, level));
    }

    private ApiResponse grant(ApiRequest request, String name, String principal, AccessLevel level) {
        Optional<GrantRecord> existing = find(name, principal);
        if (existing.isPresent()) {
            throw new Conflict(principal + " already has " + existing.get().level().id() + " access to dataset " + name
                    + (existing.get().principal().equals(principal) ? "" : " (granted as " + existing.get().principal()
                    + "; IAM role names do not differ by case)")
                    + (existing.get().level() == level ? "" : "; revoke it first to change the level"));
        }
        String role = services.names().datasetRole(name, level);
        TrustPolicies.RoleTrust trust = services.trust().read(role);
        TrustPolicy policy = TrustPolicy.parse(trust.policy());
        if (policy.trustsElsewhere(principal)) {
            throw new Conflict(principal + " may already assume role " + role + " through the dataset file's access list");
        }
        if (!policy.grantedHere(principal)) {
            services.trust().write(role, policy.withGrant(principal).toJson());
        }
        GrantRecord record = new GrantRecord(name, principal, level, request.callerArn(), services.clock().instant());
        services.grants().grant(record);
        ObjectNode response = grant(record).put("role", role).put("roleArn", trust.roleArn());
        return ApiResponse.created(response, request.callerPath() + "/" + PercentCodec.encode(principal));
    }

    ApiResponse revoke(ApiRequest request) {
        request.allowQuery(Set.of());
        Lookups.datasetName(request);
        String principal = Lookups.roleArn("principal", request.pathParameter("principal"));
        DatasetRegistration dataset = Lookups.dataset(services.datasets(), request);
        GrantAuthority.requireAdmin(services.names(), services.trust(), dataset, request.callerArn());
        return locked(dataset.dataset(), request, () -> revoke(dataset.dataset(), principal));
    }

    private ApiResponse revoke(String name, String principal) {
        Optional<GrantRecord> existing = find(name, principal);
        List<AccessLevel> levels = existing.map(g -> List.of(g.level())).orElse(GRANTABLE);
        AccessLevel removedFrom = null;
        for (AccessLevel level : levels) {
            String role = services.names().datasetRole(name, level);
            TrustPolicy policy = TrustPolicy.parse(services.trust().read(role).policy());
            if (policy.grantedHere(principal)) {
                services.trust().write(role, policy.withoutGrant(principal).toJson());
                removedFrom = level;
            }
        }
        if (existing.isEmpty() && removedFrom == null) {
            throw new NotFound(principal + " has no grant on dataset " + name
                    + "; GET /datasets/" + name + "/grants lists those it has");
        }
        services.grants().revoke(name, existing.map(GrantRecord::principal).orElse(principal));
        AccessLevel level = existing.map(GrantRecord::level).orElse(removedFrom);
        ObjectNode response = Json.object().put("dataset", name).put("principal", principal).put("level", level.id())
                .put("role", services.names().datasetRole(name, level)).put("revoked", true);
        return ApiResponse.ok(response);
    }

    /**
     * Runs a change of the dataset's grants under its grant lock: IAM has no conditional write, so
     * two changes to one trust policy at the same moment could otherwise lose one.
     */
    private ApiResponse locked(String dataset, ApiRequest request, Supplier<ApiResponse> change) {
        return services.grants().underLock(dataset, request.requestId(), services.clock(), change)
                .orElseThrow(() -> new Conflict("another change to the grants of dataset " + dataset
                        + " is in progress; try again in a moment"));
    }

    private Optional<GrantRecord> find(String dataset, String principal) {
        // IAM role names are unique without regard to case: Analytics and analytics are one principal.
        return services.grants().list(dataset).stream().filter(g -> TrustPolicy.sameRole(g.principal(), principal)).findFirst();
    }

    private static AccessLevel level(String text) {
        for (AccessLevel level : GRANTABLE) {
            if (level.id().equals(text)) {
                return level;
            }
        }
        throw new BadRequest("level", "level must be read or write, but " + (text == null ? "nothing" : "'" + text + "'")
                + " was given" + ("admin".equals(text) ? "; admin access is given in the dataset file" : ""));
    }

    private static ObjectNode grant(GrantRecord g) {
        ObjectNode node = Json.object().put("dataset", g.dataset()).put("principal", g.principal())
                .put("level", g.level().id()).put("grantedAt", g.grantedAt().toString());
        if (g.grantedBy() != null) {
            node.put("grantedBy", g.grantedBy());
        }
        return node;
    }
}
