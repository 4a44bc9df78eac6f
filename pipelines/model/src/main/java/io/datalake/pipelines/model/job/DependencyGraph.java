package io.datalake.pipelines.model.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A directed graph of names, each with the names it depends on: the pipelines of a job, or the
 * datasets and pipelines that live inputs chain together. It finds a cycle (naming it, so the user
 * sees which edge to cut) and, for an acyclic graph, the levels to run: each name after everything
 * it depends on.
 */
public final class DependencyGraph {
    private final Map<String, List<String>> dependsOn;

    /**
     * @param dependsOn every node, in a stable order, mapped to the nodes it depends on; a node
     *                  depended on must be a key too
     */
    public DependencyGraph(Map<String, List<String>> dependsOn) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        dependsOn.forEach((node, deps) -> copy.put(node, List.copyOf(deps)));
        for (Map.Entry<String, List<String>> entry : copy.entrySet()) {
            for (String dep : entry.getValue()) {
                if (!copy.containsKey(dep)) {
                    throw new IllegalArgumentException("'" + entry.getKey() + "' depends on '" + dep
                            + "', which is not in the graph");
                }
            }
        }
        this.dependsOn = Collections.unmodifiableMap(copy);
    }

    /**
     * A cycle, if there is one, as the path that returns to its start: {@code [a, b, c, a]} when a
     * depends on b, b on c and c on a. The first cycle in node order is given, so the answer is stable.
     */
    public Optional<List<String>> cycle() {
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        for (String start : dependsOn.keySet()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> found = visit(start, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<List<String>> visit(String node, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(node);
        if (seen != null && seen == 2) {
            return Optional.empty();
        }
        if (seen != null) { // on the current path: the path from its first occurrence is the cycle
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return Optional.of(cycle);
        }
        state.put(node, 1);
        path.add(node);
        for (String dep : dependsOn.get(node)) {
            Optional<List<String>> found = visit(dep, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return Optional.empty();
    }

    /**
     * The nodes in levels: the first level depends on nothing, each later one only on earlier
     * levels; within a level the graph's order is kept.
     *
     * @throws IllegalStateException when the graph has a cycle (check {@link #cycle()} first)
     */
    public List<List<String>> levels() {
        Map<String, Integer> level = new HashMap<>();
        Set<String> remaining = new LinkedHashSet<>(dependsOn.keySet());
        List<List<String>> levels = new ArrayList<>();
        while (!remaining.isEmpty()) {
            List<String> current = new ArrayList<>();
            for (String node : remaining) {
                if (dependsOn.get(node).stream().allMatch(level::containsKey)) {
                    current.add(node);
                }
            }
            if (current.isEmpty()) {
                throw new IllegalStateException("the graph has a cycle: " + cycle().map(c -> String.join(" -> ", c)).orElse("?"));
            }
            current.forEach(node -> level.put(node, levels.size()));
            remaining.removeAll(current);
            levels.add(List.copyOf(current));
        }
        return levels;
    }
}
