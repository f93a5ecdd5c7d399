package io.jenkins.plugins.databricks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import jenkins.model.RunAction2;

/**
 * One deploy on the build page (its summary.jelly) and in the environment of later steps
 * ({@code DATABRICKS_LIBRARY_ID} and the others of {@link DeployResult}; with several deploys in one build the
 * last one's values win). Stored with the build as the report's JSON, which holds no secrets.
 */
public final class DeploymentAction implements RunAction2, EnvironmentContributingAction {

    private final String workspace;
    private final String reportJson;
    private final long startedAtMillis;
    /** {@code 1.2} or {@code 2.x}; {@code null} in builds recorded before the API was kept. */
    private final String api;

    private transient DeployReport report;

    DeploymentAction(String workspace, DatabricksApi api, DeployReport report, long startedAtMillis) {
        this.workspace = workspace;
        this.api = api == null ? null : api.fieldValue();
        this.reportJson = report.toJson();
        this.startedAtMillis = startedAtMillis;
        this.report = report;
    }

    /** The configured workspace name, or the URL when the step gave one directly. */
    public String getWorkspace() {
        return workspace;
    }

    public long getStartedAtMillis() {
        return startedAtMillis;
    }

    public synchronized DeployReport getReport() {
        if (report == null) {
            report = DeployReport.fromJson(reportJson);
        }
        return report;
    }

    /** The API the deploy spoke, {@code null} if the build predates the field. */
    public DatabricksApi getApi() {
        return api == null ? null : DatabricksApi.parse(api).orElse(null);
    }

    /** Where the library is (folder and name): on REST 2.x the volume file the clusters install. */
    public String getLibraryPath() {
        return DeployResult.libraryPath(getReport().library());
    }

    public String getOutcome() {
        return getReport().outcome().name();
    }

    @Override
    public void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        env.putAll(DeployResult.environment(getReport(), getApi()));
    }

    @Override
    public String getIconFileName() {
        return null; // summary only: the build page shows it, no side-panel link
    }

    @Override
    public String getDisplayName() {
        return Messages.DeploymentAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return null;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        // nothing to remember: the report is self-contained
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        // the report is parsed on first use
    }
}
