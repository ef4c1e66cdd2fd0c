package dev.perfkit.assets.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders files so that every file comes after the files it references; reports a reference cycle by its path. */
public final class DependencyOrder {
    private DependencyOrder() {}

    /**
     * A topological order of {@code nodes} under {@code edges} (file to the files it references).
     *
     * @throws IllegalStateException naming the cycle, for example {@code a.css -> b.css -> a.css}
     */
    public static List<String> of(Iterable<String> nodes, Map<String, Set<String>> edges) {
        List<String> order = new ArrayList<>();
        Map<String, Boolean> done = new HashMap<>(); // false: on the current path; true: finished
        for (String node : nodes) {
            visit(node, edges, done, new LinkedHashSet<>(), order);
        }
        return order;
    }

    private static void visit(
            String node,
            Map<String, Set<String>> edges,
            Map<String, Boolean> done,
            Set<String> path,
            List<String> order) {
        Boolean state = done.get(node);
        if (Boolean.TRUE.equals(state)) {
            return;
        }
        if (state != null) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String p : path) {
                in |= p.equals(node);
                if (in) {
                    cycle.add(p);
                }
            }
            cycle.add(node);
            throw new IllegalStateException("reference cycle: " + String.join(" -> ", cycle));
        }
        done.put(node, false);
        path.add(node);
        for (String dep : edges.getOrDefault(node, Set.of())) {
            if (!dep.equals(node)) {
                visit(dep, edges, done, path, order);
            }
        }
        path.remove(node);
        done.put(node, true);
        order.add(node);
    }
}
