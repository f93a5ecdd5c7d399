package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sixteen 1.2 endpoints: reads parameters, calls the {@link Workspace}, shapes the JSON answer. Bodies whose
 * exact real shape is unknown follow {@link Settings#acknowledgement()}; by default {@code clusters/restart|delete} →
 * {@code {"id":clusterId}}, {@code libraries/attach|detach} → {@code {"id":libraryId}}, {@code libraries/delete} →
 * {@code {}}, {@code contexts/destroy} → {@code {"id":contextId}}, {@code commands/cancel} → {@code {"id":commandId}}.
 */
final class ApiRouter implements Service {

    static final String PREFIX = "/api/1.2/";

    /** What {@link #dispatch} returns for an answer without a body. */
    private static final Object NO_BODY = new Object();

    private final Workspace workspace;
    private final Settings settings;
    private final ObjectMapper json;

    ApiRouter(Workspace workspace, Settings settings, ObjectMapper json) {
        this.workspace = workspace;
        this.settings = settings;
        this.json = json;
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    public ApiResponse error(ApiException e, ApiRequest request) {
        return error(e);
    }

    @Override
    public ApiResponse route(ApiRequest r) {
        try {
            Object answer = dispatch(r);
            if (answer == NO_BODY) {
                return new ApiResponse(200, Map.of(), new byte[0]);
            }
            return ApiResponse.json(200, json.writeValueAsString(answer));
        } catch (ApiException e) {
            return error(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize an answer", e);
        }
    }

    ApiResponse error(ApiException e) {
        try {
            return ApiResponse.json(e.status(), json.writeValueAsString(Map.of("error", e.errorText())));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Object dispatch(ApiRequest r) {
        String endpoint = r.endpoint();
        return switch (endpoint) {
            case "clusters/list" ->
                get(
                        r,
                        () -> workspace.read(() ->
                                workspace.clusters().stream().map(this::cluster).toList()));
            case "clusters/status" ->
                get(r, () -> workspace.read(() -> cluster(workspace.requireCluster(r.require("clusterId")))));
            case "clusters/restart" ->
                post(r, () -> {
                    String id = r.require("clusterId");
                    mark(r, workspace.restart(id));
                    return acknowledge(id);
                });
            case "clusters/delete" ->
                post(r, () -> {
                    String id = r.require("clusterId");
                    mark(r, workspace.terminate(id));
                    return acknowledge(id);
                });
            case "libraries/list" ->
                get(
                        r,
                        () -> workspace.read(() -> workspace.visibleLibraries().stream()
                                .map(l -> orderedMap("id", l.id(), "name", l.name(), "folder", l.folder()))
                                .toList()));
            case "libraries/status" ->
                get(r, () -> workspace.read(() -> libraryStatus(workspace.requireLibrary(r.require("libraryId")))));
            case "libraries/upload" -> post(r, () -> upload(r));
            case "libraries/delete" ->
                post(r, () -> {
                    workspace.deleteLibrary(r.require("libraryId"));
                    r.markMutated();
                    return acknowledge(null);
                });
            case "libraries/attach" ->
                post(r, () -> {
                    String libraryId = r.require("libraryId");
                    mark(r, workspace.attach(libraryId, r.require("clusterId")));
                    return acknowledge(libraryId);
                });
            case "libraries/detach" ->
                post(r, () -> {
                    String libraryId = r.require("libraryId");
                    mark(r, workspace.detach(libraryId, r.require("clusterId")));
                    return acknowledge(libraryId);
                });
            case "contexts/create" ->
                post(r, () -> {
                    EmulatedContext ctx =
                            workspace.createContext(r.require("clusterId"), r.require("language"), r.caller());
                    r.markMutated();
                    return Map.of("id", ctx.id());
                });
            case "contexts/status" ->
                get(
                        r,
                        () -> workspace.read(() -> {
                            EmulatedContext ctx =
                                    workspace.requireContext(r.require("clusterId"), r.require("contextId"));
                            return orderedMap("id", ctx.id(), "status", ctx.status.wire());
                        }));
            case "contexts/destroy" ->
                post(r, () -> {
                    String contextId = r.require("contextId");
                    workspace.destroyContext(r.require("clusterId"), contextId);
                    r.markMutated();
                    return acknowledge(contextId);
                });
            case "commands/execute" ->
                post(r, () -> {
                    EmulatedCommand cmd = workspace.execute(
                            r.require("clusterId"),
                            r.require("contextId"),
                            r.require("language"),
                            r.require("command"));
                    r.markMutated();
                    return Map.of("id", cmd.id());
                });
            case "commands/status" ->
                get(
                        r,
                        () -> workspace.read(() -> {
                            EmulatedCommand cmd = workspace.requireCommand(
                                    r.require("clusterId"), r.require("contextId"), r.require("commandId"));
                            Map<String, Object> out = orderedMap("id", cmd.id(), "status", cmd.status.wire());
                            if (cmd.results != null) {
                                out.put("results", cmd.results);
                            }
                            return out;
                        }));
            case "commands/cancel" ->
                post(r, () -> {
                    String commandId = r.require("commandId");
                    mark(r, workspace.cancel(r.require("clusterId"), r.require("contextId"), commandId));
                    return acknowledge(commandId);
                });
            default ->
                throw new ApiException(
                        404, "ENDPOINT_NOT_FOUND", "No API found for '" + r.method() + " " + r.path() + "'");
        };
    }

    /** The answer to a call whose real body is unknown; {@code id} null for {@code libraries/delete}. */
    private Object acknowledge(String id) {
        return switch (settings.acknowledgement()) {
            case ID -> id == null ? Map.of() : Map.of("id", id);
            case EMPTY_OBJECT -> Map.of();
            case NO_BODY -> NO_BODY;
        };
    }

    private Object upload(ApiRequest r) {
        String name = r.require("name");
        String libType = Workspace.normalizeLibType(r.require("libType"));
        String folder = Workspace.normalizeFolder(r.require("folder"));
        ApiRequest.UploadedFile file = r.upload();
        if (file == null) {
            throw ApiException.badRequest("Missing the library file: send it as a multipart file part named '"
                    + RequestReader.UPLOAD_PART + "'");
        }
        boolean attachAll = Boolean.parseBoolean(r.optional("attachToAllClusters"));
        EmulatedLibrary lib = workspace.upload(
                name,
                folder,
                libType,
                attachAll,
                file.digest().sha256(),
                file.digest().sizeBytes());
        lib.classes = file.digest().classes();
        r.markMutated();
        return Map.of("id", lib.id());
    }

    private Map<String, Object> cluster(EmulatedCluster c) {
        return orderedMap(
                "id", c.id(),
                "name", c.name(),
                "status", c.status.wire(),
                "driverIp", c.driverIp(),
                "jdbcPort", 10000,
                "numWorkers", c.numWorkers());
    }

    private Map<String, Object> libraryStatus(EmulatedLibrary lib) {
        List<Map<String, Object>> statuses = new ArrayList<>();
        workspace
                .statusesOf(lib)
                .forEach((clusterId, status) ->
                        statuses.add(orderedMap("clusterId", clusterId, "status", status.wire())));
        Map<String, Object> out = orderedMap(
                "id", lib.id(),
                "name", lib.name(),
                "folder", lib.folder(),
                "libType", lib.libType(),
                "files", lib.files(),
                "attachAllClusters", lib.attachAllClusters);
        out.put("statuses", statuses);
        return out;
    }

    private static void mark(ApiRequest r, boolean changed) {
        if (changed) {
            r.markMutated();
        }
    }

    private interface Handler {
        Object handle();
    }

    private static Object get(ApiRequest r, Handler h) {
        return method(r, "GET", h);
    }

    private static Object post(ApiRequest r, Handler h) {
        return method(r, "POST", h);
    }

    private static Object method(ApiRequest r, String expected, Handler h) {
        if (!expected.equals(r.method())) {
            throw new ApiException(
                    405, "HttpRequestMethodNotSupportedException", r.method() + " is not supported by " + r.path());
        }
        return h.handle();
    }

    private static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
