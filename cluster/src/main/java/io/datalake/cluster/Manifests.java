package io.datalake.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdk8s.ApiObject;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.ApiObjectProps;
import org.cdk8s.JsonPatch;
import software.constructs.Construct;

/**
 * Writes Kubernetes objects with the core cdk8s library: an {@link ApiObject} per object, its body
 * added as JSON patches. Plain maps keep the charts free of generated bindings and of cdk8s-plus,
 * whose Java artifacts lag behind here.
 */
final class Manifests {
    /** Labels every object of the lake's runners carries, so {@code kubectl get -l} finds them all. */
    static final Map<String, String> PART_OF = Map.of("app.kubernetes.io/part-of", "datalake");

    private Manifests() {
    }

    /**
     * Adds one object to the scope.
     *
     * @param namespace the object's namespace, or {@code null} for a cluster-scoped object
     * @param body the top-level fields besides apiVersion, kind and metadata ({@code spec}, {@code data}...)
     */
    static ApiObject object(Construct scope, String id, String apiVersion, String kind, String name, String namespace,
            Map<String, String> labels, Map<String, String> annotations, Map<String, Object> body) {
        Map<String, String> allLabels = new LinkedHashMap<>(PART_OF);
        allLabels.putAll(labels);
        ApiObjectMetadata.Builder metadata = ApiObjectMetadata.builder().name(name).labels(allLabels);
        if (namespace != null) {
            metadata.namespace(namespace);
        }
        if (!annotations.isEmpty()) {
            metadata.annotations(annotations);
        }
        ApiObject object = new ApiObject(scope, id, ApiObjectProps.builder()
                .apiVersion(apiVersion).kind(kind).metadata(metadata.build()).build());
        body.forEach((field, value) -> object.addJsonPatch(JsonPatch.add("/" + field, value)));
        return object;
    }

    /** A map that keeps the order its entries are given in, so rendered YAML reads top-down. */
    static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("map needs keys and values in pairs, but " + keysAndValues.length
                    + " items were given");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** {@code {"ipBlock": {"cidr": cidr}}} with the given TCP ports, one egress rule. */
    static Map<String, Object> egressTo(String cidr, String protocol, int... ports) {
        return map("to", List.of(map("ipBlock", map("cidr", cidr))),
                "ports", java.util.Arrays.stream(ports).mapToObj(p -> map("protocol", protocol, "port", p)).toList());
    }
}
