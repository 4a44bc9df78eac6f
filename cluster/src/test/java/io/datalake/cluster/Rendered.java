package io.datalake.cluster;

import io.datalake.core.LakeNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdk8s.Chart;
import org.cdk8s.Testing;

/** The objects of every chart of one target, synthesized once with cdk8s's {@link Testing}. */
final class Rendered {
    final Map<String, List<Map<String, Object>>> byChart = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    Rendered(LakeNames names, Target target) {
        for (Chart chart : RunnerManifests.addTo(Testing.app(), names, target)) {
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object object : Testing.synth(chart)) {
                objects.add((Map<String, Object>) object);
            }
            byChart.put(chart.getNode().getId(), objects);
        }
    }

    List<Map<String, Object>> all() {
        return byChart.values().stream().flatMap(List::stream).toList();
    }

    List<Map<String, Object>> ofKind(String kind) {
        return all().stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Map<String, Object> one(String kind, String name) {
        return all().stream().filter(o -> kind.equals(o.get("kind")) && name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + kinds()));
    }

    List<String> kinds() {
        return all().stream().map(o -> o.get("kind") + "/" + name(o)).toList();
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(at(object, "metadata", "name"));
    }

    /** The value at a path of map keys and list indexes, or null. */
    @SuppressWarnings("unchecked")
    static Object at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            if (current instanceof Map<?, ?> map) {
                current = ((Map<String, Object>) map).get((String) step);
            } else if (current instanceof List<?> list) {
                current = list.get((Integer) step);
            } else {
                return null;
            }
        }
        return current;
    }
}
