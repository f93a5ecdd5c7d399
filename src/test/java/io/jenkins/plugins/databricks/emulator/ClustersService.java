package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Clusters 2.1 (and the same calls under 2.0): {@code list}, {@code get}, {@code start}, {@code restart}, {@code
 * delete} (terminate) over the clusters the 1.2 face serves. The 2.1 list is paged: at most {@link
 * Settings#clusterPageSize()} clusters a page whatever {@code page_size} asks; the 2.0 list answers all at once.
 */
final class ClustersService extends Rest2Service {

    private static final String V20 = "/api/2.0/clusters/";
    private static final String V21 = "/api/2.1/clusters/";

    private final Workspace workspace;
    private final Settings settings;

    ClustersService(Workspace workspace, Settings settings, ObjectMapper json) {
        super(json);
        this.workspace = workspace;
        this.settings = settings;
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith(V20) || path.startsWith(V21);
    }

    @Override
    Object handle(ApiRequest r) {
        boolean paged = r.path().startsWith(V21);
        String call = r.path().substring(V21.length());
        switch (call) {
            case "list" -> {
                method(r, "GET");
                return paged ? page(r) : Map.of("clusters", details(filtered(r)));
            }
            case "get" -> {
                method(r, "GET");
                String id = require(r, "cluster_id");
                return workspace.read(() -> {
                    EmulatedCluster c = workspace.findCluster(id);
                    if (c == null) {
                        throw RestError.invalidParameter("Cluster " + id + " does not exist");
                    }
                    return details(c);
                });
            }
            case "start" -> {
                method(r, "POST");
                mark(r, workspace.start(require(r, "cluster_id")));
                return Map.of();
            }
            case "restart" -> {
                method(r, "POST");
                mark(r, workspace.restartRunning(require(r, "cluster_id")));
                return Map.of();
            }
            case "delete" -> {
                method(r, "POST");
                String id = require(r, "cluster_id");
                if (workspace.findCluster(id) == null) {
                    throw RestError.invalidParameter("Cluster " + id + " does not exist");
                }
                mark(r, workspace.terminate(id));
                return Map.of();
            }
            default -> throw noSuchEndpoint(r);
        }
    }

    private static void mark(ApiRequest r, boolean changed) {
        if (changed) {
            r.markMutated();
        }
    }

    private Map<String, Object> page(ApiRequest r) {
        Integer asked = optionalInt(r, "page_size", 100);
        int size = Math.min(asked == null || asked == 0 ? 100 : asked, settings.clusterPageSize());
        List<EmulatedCluster> all = filtered(r);
        String listing = "clusters:" + canonicalQuery(r);
        String cursor = PageTokens.decode(listing, r.optional("page_token"));
        int from;
        try {
            from = cursor == null ? 0 : Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw RestError.invalidParameter("Invalid page_token");
        }
        int to = Math.min(all.size(), from + size);
        Map<String, Object> out = ordered();
        if (from < to) {
            out.put("clusters", details(all.subList(from, to)));
        }
        if (to < all.size()) {
            out.put("next_page_token", PageTokens.encode(listing, Integer.toString(to)));
        }
        if (from > 0) {
            out.put("prev_page_token", PageTokens.encode(listing, Integer.toString(Math.max(0, from - size))));
        }
        return out;
    }

    /** The filter and sort parameters, so a token is valid only for the listing that gave it out. */
    private static String canonicalQuery(ApiRequest r) {
        Set<String> parts = new TreeSet<>();
        for (String name : List.of(
                "filter_by.cluster_states",
                "filter_by.cluster_sources",
                "filter_by.is_pinned",
                "filter_by.policy_id",
                "sort_by.field",
                "sort_by.direction")) {
            r.all(name).forEach(v -> parts.add(name + "=" + v));
        }
        return String.join("&", parts);
    }

    private List<EmulatedCluster> filtered(ApiRequest r) {
        Set<ClusterState> states = new TreeSet<>();
        for (String s : values(r, "filter_by.cluster_states")) {
            states.add(state(s));
        }
        Set<ClusterSource> sources = new TreeSet<>();
        for (String s : values(r, "filter_by.cluster_sources")) {
            try {
                sources.add(ClusterSource.valueOf(s));
            } catch (IllegalArgumentException e) {
                throw RestError.invalidParameter("filter_by.cluster_sources: unknown cluster source '" + s + "'");
            }
        }
        String pinned = r.optional("filter_by.is_pinned");
        String policy = r.optional("filter_by.policy_id");
        Predicate<EmulatedCluster> keep = c -> (states.isEmpty() || states.contains(c.status))
                && (sources.isEmpty() || sources.contains(c.source))
                && (pinned == null || Boolean.parseBoolean(pinned) == c.pinned)
                && (policy == null || policy.equals(c.policyId));
        Comparator<EmulatedCluster> order = sort(r);
        return workspace.read(() -> {
            List<EmulatedCluster> out =
                    new ArrayList<>(workspace.clusters().stream().filter(keep).toList());
            if (order != null) {
                out.sort(order);
            }
            return out;
        });
    }

    private static Comparator<EmulatedCluster> sort(ApiRequest r) {
        String field = r.optional("sort_by.field");
        String direction = r.optional("sort_by.direction");
        Comparator<EmulatedCluster> order = null;
        if (field != null && !field.equals("DEFAULT")) {
            if (!field.equals("CLUSTER_NAME")) {
                throw RestError.invalidParameter("sort_by.field must be DEFAULT or CLUSTER_NAME, was '" + field + "'");
            }
            order = Comparator.comparing(EmulatedCluster::name);
        }
        if (direction != null && !direction.equals("ASC") && !direction.equals("DESC")) {
            throw RestError.invalidParameter("sort_by.direction must be ASC or DESC, was '" + direction + "'");
        }
        if (order != null && "DESC".equals(direction)) {
            order = order.reversed();
        }
        return order;
    }

    /** A repeated parameter's values; a comma-separated value counts as several. */
    private static List<String> values(ApiRequest r, String name) {
        List<String> out = new ArrayList<>();
        for (String v : r.all(name)) {
            for (String one : v.split(",")) {
                if (!one.isBlank()) {
                    out.add(one.trim());
                }
            }
        }
        return out;
    }

    private static ClusterState state(String word) {
        for (ClusterState s : ClusterState.values()) {
            if (s.rest2().equals(word.toUpperCase(Locale.ROOT))) {
                return s;
            }
        }
        throw RestError.invalidParameter("filter_by.cluster_states: unknown cluster state '" + word + "'");
    }

    private List<Map<String, Object>> details(List<EmulatedCluster> clusters) {
        return workspace.read(() -> clusters.stream().map(this::details).toList());
    }

    /** ClusterDetails; call under the workspace lock. */
    private Map<String, Object> details(EmulatedCluster c) {
        Map<String, Object> d = ordered(
                "cluster_id", c.id(),
                "cluster_name", c.name(),
                "spark_version", c.sparkVersion,
                "state", c.status.rest2(),
                "state_message", stateMessage(c.status),
                "data_security_mode", c.accessMode.name(),
                "single_user_name", c.singleUserName,
                "cluster_source", c.source.name(),
                "creator_user_name", settings.defaultUserName(),
                "num_workers", c.numWorkers(),
                "driver_node_type_id", "i3.xlarge",
                "node_type_id", "i3.xlarge",
                "policy_id", c.policyId);
        if (c.startedAt != null) {
            d.put("start_time", c.startedAt.toEpochMilli());
            if (c.restarts > 0) {
                d.put("last_restarted_time", c.startedAt.toEpochMilli());
            }
        }
        if (c.status == ClusterState.TERMINATED) {
            d.put("termination_reason", ordered("code", "USER_REQUEST", "type", "SUCCESS"));
        }
        return d;
    }

    private static String stateMessage(ClusterState state) {
        return switch (state) {
            case PENDING -> "Finding instances for new nodes, acquiring more instances if necessary";
            case RESTARTING -> "Restarting Spark";
            case RECONFIGURING -> "Resizing cluster";
            case TERMINATING -> "Terminating the cluster";
            case TERMINATED -> "Terminated by user";
            case ERROR -> "The cluster is in an error state";
            case RUNNING -> "";
        };
    }
}
