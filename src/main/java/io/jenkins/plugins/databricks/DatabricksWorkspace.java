package io.jenkins.plugins.databricks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.ItemGroup;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import java.util.List;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One Databricks workspace configured under Manage Jenkins → System: a name the deploy steps refer to, its URL, the
 * credentials to reach it with (or, for workload identity federation, an id token credential and the service
 * principal's client id), the folders whose jobs may use it, the default folder and API for its deploys, and optional
 * timeouts. Holds credentials ids, never a secret. Builds resolve the credentials in their own context, so they must
 * be Global (not System) scope.
 */
public final class DatabricksWorkspace implements Describable<DatabricksWorkspace> {

    private final String name;
    private final String url;
    private final String credentialsId;
    private String allowedFolders;
    private Integer connectTimeoutSeconds;
    private Integer readTimeoutSeconds;
    private String folder;
    private String api;
    private String idTokenCredentialsId;
    private String clientId;

    @DataBoundConstructor
    public DatabricksWorkspace(String name, String url, String credentialsId) {
        this.name = Objects.requireNonNullElse(name, "").trim();
        this.url = Objects.requireNonNullElse(url, "").trim();
        this.credentialsId = Objects.requireNonNullElse(credentialsId, "").trim();
    }

    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Folder paths, one per line or comma-separated; blank (the default) lets every job use the workspace. */
    public String getAllowedFolders() {
        return allowedFolders;
    }

    @DataBoundSetter
    public void setAllowedFolders(String allowedFolders) {
        List<String> folders = WorkspaceRules.folderList(allowedFolders);
        this.allowedFolders = folders.isEmpty() ? null : String.join("\n", folders);
    }

    /** The allowed folders as a list; empty means every job. */
    public List<String> allowedFolderList() {
        return WorkspaceRules.folderList(allowedFolders);
    }

    /** Whether the job with this full name may deploy with this workspace. */
    public boolean allowsJob(String jobFullName) {
        return WorkspaceRules.allowsJob(allowedFolderList(), jobFullName);
    }

    /** {@code null} for the client's default. */
    public Integer getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(Integer connectTimeoutSeconds) {
        this.connectTimeoutSeconds = positiveOrNull(connectTimeoutSeconds);
    }

    /** {@code null} for the client's default. */
    public Integer getReadTimeoutSeconds() {
        return readTimeoutSeconds;
    }

    @DataBoundSetter
    public void setReadTimeoutSeconds(Integer readTimeoutSeconds) {
        this.readTimeoutSeconds = positiveOrNull(readTimeoutSeconds);
    }

    /** Where deploys put the jar when the job gives no folder, e.g. {@code /Volumes/main/default/libs/jars}. */
    public String getFolder() {
        return folder;
    }

    @DataBoundSetter
    public void setFolder(String folder) {
        this.folder = blankToNull(folder);
    }

    /** {@code 1.2} or {@code 2.x} forced for the workspace's deploys; {@code null} for automatic (by the folder). */
    public String getApi() {
        return api;
    }

    @DataBoundSetter
    public void setApi(String api) {
        String value = blankToNull(api);
        this.api = value == null || DatabricksApi.parse(value).orElse(null) == DatabricksApi.AUTO ? null : value;
    }

    /** Workload identity federation: the Secret text credential that yields the OIDC id token, else {@code null}. */
    public String getIdTokenCredentialsId() {
        return idTokenCredentialsId;
    }

    @DataBoundSetter
    public void setIdTokenCredentialsId(String idTokenCredentialsId) {
        this.idTokenCredentialsId = blankToNull(idTokenCredentialsId);
    }

    /** The service principal whose federation policy trusts the id token; {@code null} for an account policy. */
    public String getClientId() {
        return clientId;
    }

    @DataBoundSetter
    public void setClientId(String clientId) {
        this.clientId = blankToNull(clientId);
    }

    /** Whether the workspace authenticates by workload identity federation rather than with stored credentials. */
    public boolean usesFederation() {
        return idTokenCredentialsId != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Integer positiveOrNull(Integer seconds) {
        return seconds == null || seconds <= 0 ? null : seconds;
    }

    @Override
    public String toString() {
        return "DatabricksWorkspace[" + name + " at " + url
                + (usesFederation()
                        ? ", federation with " + idTokenCredentialsId + (clientId == null ? "" : " as " + clientId)
                        : ", credentials " + credentialsId)
                + (folder == null ? "" : ", folder " + folder)
                + (api == null ? "" : ", API " + api)
                + (allowedFolders == null ? "" : ", folders " + String.join(", ", allowedFolderList())) + "]";
    }

    /** Form checks, the credentials dropdown and the Test Connection button of the workspace form. */
    @Extension
    public static final class DescriptorImpl extends Descriptor<DatabricksWorkspace> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DatabricksWorkspace_DisplayName();
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String problem = WorkspaceRules.nameProblem(value);
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        @POST
        public FormValidation doCheckUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String problem = WorkspaceRules.urlProblem(value);
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        /** Required unless the workspace authenticates by federation, and then refused: one way to authenticate. */
        @POST
        public FormValidation doCheckCredentialsId(
                @QueryParameter String url, @QueryParameter String idTokenCredentialsId, @QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (!DeployRequest.isBlank(idTokenCredentialsId)) {
                return DeployRequest.isBlank(value)
                        ? FormValidation.ok()
                        : FormValidation.error(Messages.DatabricksWorkspace_TwoCredentials());
            }
            return DatabricksCredentials.checkGlobal(url, value);
        }

        @POST
        public ListBoxModel doFillIdTokenCredentialsIdItems(
                @QueryParameter String url, @QueryParameter String idTokenCredentialsId) {
            return DatabricksCredentials.fillIdTokensGlobal(url, idTokenCredentialsId);
        }

        @POST
        public FormValidation doCheckIdTokenCredentialsId(@QueryParameter String url, @QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return DatabricksCredentials.checkIdTokenGlobal(url, value);
        }

        @POST
        public FormValidation doCheckClientId(
                @QueryParameter String idTokenCredentialsId, @QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (DeployRequest.isBlank(value)) {
                return FormValidation.ok();
            }
            if (DeployRequest.isBlank(idTokenCredentialsId)) {
                return FormValidation.error(Messages.DeployRequest_ClientIdWithoutIdToken());
            }
            return DatabricksServicePrincipalCredentials.DescriptorImpl.checkClientId(value);
        }

        /** The engine's rules for a folder (workspace folder or {@code /Volumes/...}); blank is the engine's default. */
        @POST
        public FormValidation doCheckFolder(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            List<String> problems = new FormFields().folder(value).build().problemsWith("folder");
            if (!problems.isEmpty()) {
                return FormValidation.error(String.join("\n", problems));
            }
            if (DeployRequest.isBlank(value)) {
                return FormValidation.ok(Messages.DatabricksWorkspace_DefaultFolder(DeploySpec.DEFAULT_FOLDER));
            }
            return FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillApiItems() {
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.DatabricksWorkspace_ApiAutomatic(), "");
            model.add(Messages.DeployConfiguration_Api_REST_2(), DatabricksApi.REST_2.fieldValue());
            model.add(Messages.DeployConfiguration_Api_REST_1_2(), DatabricksApi.REST_1_2.fieldValue());
            return model;
        }

        /** Says which jobs the list lets in, and warns about a path that names no folder (yet). */
        @POST
        public FormValidation doCheckAllowedFolders(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            List<String> folders = WorkspaceRules.folderList(value);
            if (folders.isEmpty()) {
                return FormValidation.ok(Messages.DatabricksWorkspace_AllFolders());
            }
            for (String folder : folders) {
                if (!(Jenkins.get().getItemByFullName(folder) instanceof ItemGroup)) {
                    return FormValidation.warning(Messages.DatabricksWorkspace_NoSuchFolder(folder));
                }
            }
            return FormValidation.ok(Messages.DatabricksWorkspace_OnlyFolders(String.join(", ", folders)));
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String url, @QueryParameter String credentialsId) {
            return DatabricksCredentials.fillGlobal(url, credentialsId);
        }

        /** The Test Connection button: POST only, administrators only, says what it reached or exactly why not. */
        @POST
        public FormValidation doTestConnection(
                @QueryParameter String url,
                @QueryParameter String credentialsId,
                @QueryParameter String connectTimeoutSeconds,
                @QueryParameter String readTimeoutSeconds,
                @QueryParameter String idTokenCredentialsId,
                @QueryParameter String clientId,
                @QueryParameter String folder,
                @QueryParameter String api)
                throws InterruptedException {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String urlProblem = WorkspaceRules.urlProblem(url);
            if (urlProblem != null) {
                return FormValidation.error(urlProblem);
            }
            boolean federation = !DeployRequest.isBlank(idTokenCredentialsId);
            if (DeployRequest.isBlank(credentialsId) && !federation) {
                return FormValidation.error(Messages.DatabricksWorkspace_CredentialsRequired());
            }
            if (!DeployRequest.isBlank(credentialsId) && federation) {
                return FormValidation.error(Messages.DatabricksWorkspace_TwoCredentials());
            }
            DatabricksWorkspace candidate = new DatabricksWorkspace("test", url, federation ? null : credentialsId);
            candidate.setIdTokenCredentialsId(idTokenCredentialsId);
            candidate.setClientId(clientId);
            candidate.setFolder(folder);
            candidate.setApi(api);
            candidate.setConnectTimeoutSeconds(WorkspaceRules.parseSeconds(connectTimeoutSeconds));
            candidate.setReadTimeoutSeconds(WorkspaceRules.parseSeconds(readTimeoutSeconds));
            return ConnectionTest.run(candidate);
        }
    }
}
