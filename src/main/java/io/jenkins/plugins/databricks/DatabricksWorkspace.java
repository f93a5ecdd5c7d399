package io.jenkins.plugins.databricks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.ItemGroup;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One Databricks workspace configured under Manage Jenkins → System: a name the deploy steps refer to, its URL, the
 * credentials to reach it with, the folders whose jobs may use it and optional timeouts. Holds the credentials id,
 * never a secret. Builds resolve the credentials in their own context, so they must be Global (not System) scope.
 */
public final class DatabricksWorkspace implements Describable<DatabricksWorkspace> {

    private final String name;
    private final String url;
    private final String credentialsId;
    private String allowedFolders;
    private Integer connectTimeoutSeconds;
    private Integer readTimeoutSeconds;

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

    private static Integer positiveOrNull(Integer seconds) {
        return seconds == null || seconds <= 0 ? null : seconds;
    }

    @Override
    public String toString() {
        return "DatabricksWorkspace[" + name + " at " + url + ", credentials " + credentialsId
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

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String url, @QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return DatabricksCredentials.checkGlobal(url, value);
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
                @QueryParameter String readTimeoutSeconds)
                throws InterruptedException {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            String urlProblem = WorkspaceRules.urlProblem(url);
            if (urlProblem != null) {
                return FormValidation.error(urlProblem);
            }
            if (DeployRequest.isBlank(credentialsId)) {
                return FormValidation.error(Messages.DatabricksWorkspace_CredentialsRequired());
            }
            DatabricksWorkspace candidate = new DatabricksWorkspace("test", url, credentialsId);
            candidate.setConnectTimeoutSeconds(WorkspaceRules.parseSeconds(connectTimeoutSeconds));
            candidate.setReadTimeoutSeconds(WorkspaceRules.parseSeconds(readTimeoutSeconds));
            return ConnectionTest.run(candidate);
        }
    }
}
