package io.datalake.pipelines.model.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
    @Test
    void levelsRunEachNodeAfterEverythingItDependsOn() {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        edges.put("report", List.of("join", "load_b"));
        edges.put("load_a", List.of());
        edges.put("load_b", List.of());
        edges.put("join", List.of("load_a", "load_b"));
        DependencyGraph graph = new DependencyGraph(edges);
        assertThat(graph.cycle()).isEmpty();
        assertThat(graph.levels()).containsExactly(List.of("load_a", "load_b"), List.of("join"), List.of("report"));
    }

    @Test
    void findsTheFirstCycleAsAPathBackToItsStart() {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        edges.put("a", List.of("b"));
        edges.put("b", List.of("c"));
        edges.put("c", List.of("b"));
        DependencyGraph graph = new DependencyGraph(edges);
        assertThat(graph.cycle()).contains(List.of("b", "c", "b"));
        assertThatThrownBy(graph::levels).hasMessage("the graph has a cycle: b -> c -> b");
        assertThat(new DependencyGraph(Map.of("self", List.of("self"))).cycle()).contains(List.of("self", "self"));
    }

    @Test
    void refusesAnEdgeToAnUnknownNode() {
        assertThatThrownBy(() -> new DependencyGraph(Map.of("a", List.of("ghost"))))
                .hasMessage("'a' depends on 'ghost', which is not in the graph");
    }
}
