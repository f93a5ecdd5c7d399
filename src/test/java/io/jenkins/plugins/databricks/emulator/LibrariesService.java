package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Libraries 2.0: {@code install}, {@code uninstall}, {@code cluster-status}, {@code all-cluster-statuses}. The state
 * and its rules live in {@link Workspace} and {@link ClusterLibraries}; this class reads requests and shapes answers.
 */
final class LibrariesService extends Rest2Service {

    private static final String PREFIX = "/api/2.0/libraries/";

    private final Workspace workspace;

    LibrariesService(Workspace workspace, ObjectMapper json) {
        super(json);
        this.workspace = workspace;
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    Object handle(ApiRequest r) {
        switch (r.path().substring(PREFIX.length())) {
            case "install" -> {
                method(r, "POST");
                if (workspace.install(require(r, "cluster_id"), libraries(r), r.caller())) {
                    r.markMutated();
                }
                return Map.of();
            }
            case "uninstall" -> {
                method(r, "POST");
                if (workspace.uninstall(require(r, "cluster_id"), libraries(r))) {
                    r.markMutated();
                }
                return Map.of();
            }
            case "cluster-status" -> {
                method(r, "GET");
                String id = require(r, "cluster_id");
                return workspace.read(() -> clusterStatus(id));
            }
            case "all-cluster-statuses" -> {
                method(r, "GET");
                return workspace.read(() -> {
                    List<Map<String, Object>> statuses = new ArrayList<>();
                    for (EmulatedCluster c : workspace.clusters()) {
                        Map<String, Object> one = clusterStatus(c.id());
                        if (one.containsKey("library_statuses")) {
                            statuses.add(one);
                        }
                    }
                    return statuses.isEmpty() ? Map.of() : Map.of("statuses", statuses);
                });
            }
            default -> throw noSuchEndpoint(r);
        }
    }

    private List<JsonNode> libraries(ApiRequest r) {
        JsonNode libs = requireJson(r, "libraries");
        if (!libs.isArray() || libs.isEmpty()) {
            throw RestError.invalidParameter("libraries must be a non-empty array of libraries, e.g."
                    + " [{\"jar\":\"/Volumes/main/default/libs/app.jar\"}]");
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode lib : libs) {
            if (!lib.isObject()) {
                throw RestError.invalidParameter(
                        "Each library must be an object such as {\"jar\":\"...\"}; was " + lib);
            }
            out.add(lib);
        }
        return out;
    }

    private Map<String, Object> clusterStatus(String clusterId) {
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (Workspace.LibraryReport report : workspace.libraryStatuses(clusterId)) {
            Map<String, Object> s = ordered(
                    "library", report.library(), "status", report.status().name());
            if (!report.messages().isEmpty()) {
                s.put("messages", report.messages());
            }
            s.put("is_library_for_all_clusters", report.forAllClusters());
            statuses.add(s);
        }
        Map<String, Object> out = ordered("cluster_id", clusterId);
        if (!statuses.isEmpty()) {
            out.put("library_statuses", statuses);
        }
        return out;
    }
}
