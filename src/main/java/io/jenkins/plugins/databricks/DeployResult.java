package io.jenkins.plugins.databricks;

import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a deploy tells later steps: the Pipeline step's return value and the build's environment variables. Plain
 * JDK types only (strings, numbers, booleans, lists, maps) so a sandboxed script can read them without approvals.
 * Free of Jenkins; built from the engine's {@link DeployReport}, which holds no secrets.
 */
public final class DeployResult {

    public static final String ENV_LIBRARY_ID = "DATABRICKS_LIBRARY_ID";
    public static final String ENV_LIBRARY_NAME = "DATABRICKS_LIBRARY_NAME";
    public static final String ENV_LIBRARY_SHA256 = "DATABRICKS_LIBRARY_SHA256";
    public static final String ENV_OUTCOME = "DATABRICKS_DEPLOY_OUTCOME";
    public static final String ENV_WORKSPACE_URL = "DATABRICKS_WORKSPACE_URL";
    public static final String ENV_CLUSTERS = "DATABRICKS_CLUSTERS";
    public static final String ENV_OLD_LIBRARY_IDS = "DATABRICKS_OLD_LIBRARY_IDS";
    public static final String ENV_LIBRARY_PATH = "DATABRICKS_LIBRARY_PATH";
    public static final String ENV_API = "DATABRICKS_API";

    private DeployResult() {}

    /**
     * The step's return value: {@code outcome}, {@code workspace}, {@code workspaceUrl}, {@code api} ({@code 1.2} or
     * {@code 2.x}), {@code libraryId}, {@code libraryName}, {@code folder}, {@code libraryPath} (folder and name: on
     * REST 2.x the file in the volume that the clusters install, e.g.
     * {@code /Volumes/main/default/libs/jars/app-12.jar}), {@code sha256}, {@code clusters} (each {@code id}, {@code name},
     * {@code state}, {@code libraryStatus}, {@code restarted}, {@code note}), {@code oldLibraryIds},
     * {@code detachedLibraryIds}, {@code deletedLibraryIds}, {@code smoke} (each {@code clusterId}, {@code status},
     * {@code output}, {@code durationMillis}), {@code smokeOutput}, {@code timingsMillis}, {@code plan}.
     */
    public static Map<String, Object> toMap(String workspaceName, DatabricksApi api, DeployReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("outcome", report.outcome().name());
        map.put("workspace", workspaceName);
        map.put("workspaceUrl", report.workspaceUrl());
        map.put("api", api == null ? null : api.fieldValue());
        DeployReport.LibraryReport library = report.library();
        map.put("libraryId", library == null ? null : library.id());
        map.put("libraryName", library == null ? null : library.name());
        map.put("folder", library == null ? null : library.folder());
        map.put("libraryPath", libraryPath(library));
        map.put("sha256", library == null ? null : library.sha256());
        List<Object> clusters = new ArrayList<>();
        for (DeployReport.ClusterReport cluster : report.clusters()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", cluster.id());
            c.put("name", cluster.name());
            c.put("state", cluster.state());
            c.put("libraryStatus", cluster.libraryStatus());
            c.put("restarted", cluster.restarted());
            c.put("note", cluster.note());
            clusters.add(c);
        }
        map.put("clusters", clusters);
        map.put("oldLibraryIds", new ArrayList<>(report.oldLibraryIds()));
        map.put("detachedLibraryIds", new ArrayList<>(report.detachedLibraryIds()));
        map.put("deletedLibraryIds", new ArrayList<>(report.deletedLibraryIds()));
        List<Object> smoke = new ArrayList<>();
        for (DeployReport.SmokeReport run : report.smoke()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("clusterId", run.clusterId());
            s.put("status", run.status());
            s.put("output", run.output());
            s.put("durationMillis", run.durationMillis());
            smoke.add(s);
        }
        map.put("smoke", smoke);
        map.put("smokeOutput", smokeOutput(report));
        map.put("timingsMillis", new LinkedHashMap<>(report.timingsMillis()));
        map.put("plan", new ArrayList<>(report.plan()));
        return map;
    }

    /** The smoke command's output; with several clusters, each output under its cluster id. */
    static String smokeOutput(DeployReport report) {
        if (report.smoke().isEmpty()) {
            return null;
        }
        if (report.smoke().size() == 1) {
            return report.smoke().get(0).output();
        }
        return report.smoke().stream()
                .map(s -> s.clusterId() + ": " + s.output())
                .collect(Collectors.joining("\n"));
    }

    /** Where the library is: its folder and name ({@code null} without a library). */
    static String libraryPath(DeployReport.LibraryReport library) {
        if (library == null || library.name() == null || library.folder() == null) {
            return null;
        }
        return DeploySpec.normaliseFolder(library.folder()) + "/" + library.name();
    }

    /**
     * Environment variables for later build steps; blank values are left out.
     *
     * @param api the API the deploy spoke; {@code null} for a build recorded before it was kept
     */
    public static Map<String, String> environment(DeployReport report, DatabricksApi api) {
        Map<String, String> env = new LinkedHashMap<>();
        DeployReport.LibraryReport library = report.library();
        if (library != null) {
            putIfPresent(env, ENV_LIBRARY_ID, library.id());
            putIfPresent(env, ENV_LIBRARY_NAME, library.name());
            putIfPresent(env, ENV_LIBRARY_SHA256, library.sha256());
            putIfPresent(env, ENV_LIBRARY_PATH, libraryPath(library));
        }
        if (api != null) {
            putIfPresent(env, ENV_API, api.fieldValue());
        }
        putIfPresent(env, ENV_OUTCOME, report.outcome().name());
        putIfPresent(env, ENV_WORKSPACE_URL, report.workspaceUrl());
        putIfPresent(
                env,
                ENV_CLUSTERS,
                report.clusters().stream().map(DeployReport.ClusterReport::id).collect(Collectors.joining(",")));
        putIfPresent(env, ENV_OLD_LIBRARY_IDS, String.join(",", report.oldLibraryIds()));
        return env;
    }

    private static void putIfPresent(Map<String, String> env, String key, String value) {
        if (value != null && !value.isBlank()) {
            env.put(key, value);
        }
    }
}
