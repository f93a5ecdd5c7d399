package io.jenkins.plugins.databricks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.RestartPolicy;
import io.jenkins.plugins.databricks.deploy.SmokeLanguage;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The one definition of the deploy fields: every field is an optional {@code @DataBoundSetter} with a default, the
 * descriptor holds the field checks and dropdowns, and {@code config.jelly} beside it is the one form. The freestyle
 * {@link DatabricksDeployBuilder} and the post-build {@link DatabricksDeployRecorder} hold one as their
 * {@code deploy} property; the Pipeline step {@link DatabricksDeployStep} holds one too and shows its fields as its
 * own flat parameters.
 *
 * <p>The field names are those the builder's and recorder's {@code deploy} element had when it held the Pipeline
 * step, so job XML saved then reads into this class unchanged (see {@link DatabricksDeployBuilder#readResolve()}).
 * Holds only strings, numbers and booleans (a credentials id, never a secret).
 */
public final class DeployConfiguration implements Describable<DeployConfiguration>, Serializable {

    private static final long serialVersionUID = 1L;

    private String workspace;
    private String workspaceUrl;
    private String credentialsId;
    private String jar;
    private String libraryName;
    private String folder;
    private String replaces;
    private boolean replaceOtherCopies;
    private String clusters;
    private String restart;
    private Integer waitTimeoutSeconds;
    private Integer keepVersions;
    private String smokeCommand;
    private String smokeCommandFile;
    private String smokeMainClass;
    private String smokeParameters;
    private String smokeLanguage;
    private String smokeExpect;
    private Integer smokeTimeoutSeconds;
    /**
     * Null means the default, on: XStream does not run field initialisers, so a primitive {@code true} here would read
     * back as {@code false} — rollback silently off — from any job XML that lacks the element.
     */
    private Boolean rollback;

    private boolean dryRun;

    private String api;
    private String idTokenCredentialsId;
    private String clientId;

    /** Every field is optional here; the deploy says which ones are missing, by name. */
    @DataBoundConstructor
    public DeployConfiguration() {}

    /** The descriptor of this class: its checks and dropdowns. */
    static DescriptorImpl descriptor() {
        return ExtensionList.lookupSingleton(DescriptorImpl.class);
    }

    /** The names of the fields, as the forms, Pipeline and job XML spell them (one per {@code @DataBoundSetter}). */
    static List<String> fieldNames() {
        return Arrays.stream(DeployConfiguration.class.getMethods())
                .filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .map(m -> Character.toLowerCase(m.getName().charAt(3))
                        + m.getName().substring(4))
                .sorted()
                .toList();
    }

    /** The fields as a Jenkins-free value, for the engine and the offline tests. */
    public DeployRequest toRequest() {
        return new DeployRequest(
                workspace,
                workspaceUrl,
                credentialsId,
                jar,
                libraryName,
                folder,
                replaces,
                replaceOtherCopies,
                clusters,
                restart,
                waitTimeoutSeconds,
                keepVersions,
                smokeCommand,
                smokeCommandFile,
                smokeMainClass,
                smokeParameters,
                smokeLanguage,
                smokeExpect,
                smokeTimeoutSeconds,
                isRollback(),
                dryRun,
                api,
                idTokenCredentialsId,
                clientId);
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public String getWorkspace() {
        return workspace;
    }

    @DataBoundSetter
    public void setWorkspace(String workspace) {
        this.workspace = trimToNull(workspace);
    }

    public String getWorkspaceUrl() {
        return workspaceUrl;
    }

    @DataBoundSetter
    public void setWorkspaceUrl(String workspaceUrl) {
        this.workspaceUrl = trimToNull(workspaceUrl);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = trimToNull(credentialsId);
    }

    public String getJar() {
        return jar;
    }

    @DataBoundSetter
    public void setJar(String jar) {
        this.jar = trimToNull(jar);
    }

    public String getLibraryName() {
        return libraryName;
    }

    @DataBoundSetter
    public void setLibraryName(String libraryName) {
        this.libraryName = trimToNull(libraryName);
    }

    public String getFolder() {
        return folder;
    }

    @DataBoundSetter
    public void setFolder(String folder) {
        this.folder = trimToNull(folder);
    }

    public String getReplaces() {
        return replaces;
    }

    @DataBoundSetter
    public void setReplaces(String replaces) {
        this.replaces = trimToNull(replaces);
    }

    public boolean isReplaceOtherCopies() {
        return replaceOtherCopies;
    }

    @DataBoundSetter
    public void setReplaceOtherCopies(boolean replaceOtherCopies) {
        this.replaceOtherCopies = replaceOtherCopies;
    }

    public String getClusters() {
        return clusters;
    }

    @DataBoundSetter
    public void setClusters(String clusters) {
        this.clusters = trimToNull(clusters);
    }

    public String getRestart() {
        return restart;
    }

    /** NEVER, IF_RUNNING or ALWAYS; blank for the default ({@link DeploySpec#DEFAULT_RESTART}). */
    @DataBoundSetter
    public void setRestart(String restart) {
        this.restart = trimToNull(restart);
    }

    public Integer getWaitTimeoutSeconds() {
        return waitTimeoutSeconds;
    }

    @DataBoundSetter
    public void setWaitTimeoutSeconds(Integer waitTimeoutSeconds) {
        this.waitTimeoutSeconds = waitTimeoutSeconds;
    }

    public Integer getKeepVersions() {
        return keepVersions;
    }

    @DataBoundSetter
    public void setKeepVersions(Integer keepVersions) {
        this.keepVersions = keepVersions;
    }

    public String getSmokeCommand() {
        return smokeCommand;
    }

    @DataBoundSetter
    public void setSmokeCommand(String smokeCommand) {
        this.smokeCommand = smokeCommand == null || smokeCommand.isBlank() ? null : smokeCommand;
    }

    public String getSmokeCommandFile() {
        return smokeCommandFile;
    }

    @DataBoundSetter
    public void setSmokeCommandFile(String smokeCommandFile) {
        this.smokeCommandFile = trimToNull(smokeCommandFile);
    }

    public String getSmokeMainClass() {
        return smokeMainClass;
    }

    @DataBoundSetter
    public void setSmokeMainClass(String smokeMainClass) {
        this.smokeMainClass = trimToNull(smokeMainClass);
    }

    public String getSmokeParameters() {
        return smokeParameters;
    }

    /** One argument per line: an argument may hold spaces. */
    @DataBoundSetter
    public void setSmokeParameters(String smokeParameters) {
        this.smokeParameters = smokeParameters == null || smokeParameters.isBlank() ? null : smokeParameters;
    }

    public String getSmokeLanguage() {
        return smokeLanguage;
    }

    @DataBoundSetter
    public void setSmokeLanguage(String smokeLanguage) {
        this.smokeLanguage = trimToNull(smokeLanguage);
    }

    public String getSmokeExpect() {
        return smokeExpect;
    }

    @DataBoundSetter
    public void setSmokeExpect(String smokeExpect) {
        this.smokeExpect = trimToNull(smokeExpect);
    }

    public Integer getSmokeTimeoutSeconds() {
        return smokeTimeoutSeconds;
    }

    @DataBoundSetter
    public void setSmokeTimeoutSeconds(Integer smokeTimeoutSeconds) {
        this.smokeTimeoutSeconds = smokeTimeoutSeconds;
    }

    public boolean isRollback() {
        return rollback == null || rollback;
    }

    @DataBoundSetter
    public void setRollback(boolean rollback) {
        this.rollback = rollback;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getApi() {
        return api;
    }

    /**
     * {@code auto} or blank (a {@code /Volumes/} folder means REST 2.x, any other folder REST 1.2; a configured
     * workspace may set its own default), {@code 1.2} or {@code 2.x} to force one.
     */
    @DataBoundSetter
    public void setApi(String api) {
        String value = trimToNull(api);
        // "auto" is the default: saved as no value, so a job follows its workspace's choice
        this.api = value == null || DatabricksApi.parse(value).orElse(null) == DatabricksApi.AUTO ? null : value;
    }

    public String getIdTokenCredentialsId() {
        return idTokenCredentialsId;
    }

    /** With {@code workspaceUrl}: workload identity federation with the id token this Secret text credential yields. */
    @DataBoundSetter
    public void setIdTokenCredentialsId(String idTokenCredentialsId) {
        this.idTokenCredentialsId = trimToNull(idTokenCredentialsId);
    }

    public String getClientId() {
        return clientId;
    }

    /** The service principal of workload identity federation (its application id); blank for an account policy. */
    @DataBoundSetter
    public void setClientId(String clientId) {
        this.clientId = trimToNull(clientId);
    }

    /** The checks and dropdowns of the one deploy form, whichever step shows it. */
    @Extension
    public static final class DescriptorImpl extends Descriptor<DeployConfiguration> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DeployConfiguration_DisplayName();
        }

        public String getDefaultFolder() {
            return DeploySpec.DEFAULT_FOLDER;
        }

        public long getDefaultWaitTimeoutSeconds() {
            return DeploySpec.DEFAULT_WAIT_TIMEOUT.toSeconds();
        }

        public long getDefaultSmokeTimeoutSeconds() {
            return DeploySpec.DEFAULT_SMOKE_TIMEOUT.toSeconds();
        }

        /**
         * The configured workspaces by name; empty to users who may not configure the job. The saved name stays an
         * option even when no workspace has it any more (renamed, removed): a select shows its first option when the
         * value is missing, so saving the form would otherwise turn the job to "none" without a word, while keeping
         * it lets {@link #doCheckWorkspace} say that the name is unknown.
         */
        @POST
        public ListBoxModel doFillWorkspaceItems(@AncestorInPath Item item, @QueryParameter String workspace) {
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.DatabricksDeployStep_NoWorkspace(), "");
            String current = DeployRequest.isBlank(workspace) ? null : workspace.trim();
            boolean listed = current == null;
            if (DatabricksCredentials.mayUseJobForms(item)) {
                for (DatabricksWorkspace w : DatabricksGlobalConfiguration.get().getWorkspaces()) {
                    if (item != null && !w.allowsJob(item.getFullName())) {
                        continue; // an administrator restricted it to other folders
                    }
                    model.add(w.getName() + " (" + w.getUrl() + ")", w.getName());
                    // exact: the select picks the option whose value equals the saved one
                    listed = listed || w.getName().equals(current);
                }
            }
            if (!listed) {
                model.add(current, current);
            }
            return model;
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String workspaceUrl, @QueryParameter String credentialsId) {
            return DatabricksCredentials.fillInItem(item, workspaceUrl, credentialsId);
        }

        /**
         * Starts with "default" (value empty, saved as no value): a select shows its first option, and without this
         * one every saved job and every Snippet Generator line would carry {@code restart: 'IF_RUNNING'}.
         */
        @POST
        public ListBoxModel doFillRestartItems() {
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.DatabricksDeployStep_Default(DeploySpec.DEFAULT_RESTART.name()), "");
            model.add(Messages.DatabricksDeployStep_Restart_IF_RUNNING(), RestartPolicy.IF_RUNNING.name());
            model.add(Messages.DatabricksDeployStep_Restart_NEVER(), RestartPolicy.NEVER.name());
            model.add(Messages.DatabricksDeployStep_Restart_ALWAYS(), RestartPolicy.ALWAYS.name());
            return model;
        }

        /** Starts with "default" (value empty), like {@link #doFillRestartItems()}. */
        @POST
        public ListBoxModel doFillSmokeLanguageItems() {
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.DatabricksDeployStep_Default(SmokeLanguage.SCALA.wireValue()), "");
            for (SmokeLanguage language : SmokeLanguage.values()) {
                model.add(language.wireValue(), language.wireValue());
            }
            return model;
        }

        @POST
        public FormValidation doCheckWorkspace(
                @AncestorInPath Item item, @QueryParameter String workspace, @QueryParameter String workspaceUrl) {
            if (!DatabricksCredentials.mayUseJobForms(item)) {
                return FormValidation.ok();
            }
            if (!DeployRequest.isBlank(workspace) && !DeployRequest.isBlank(workspaceUrl)) {
                return FormValidation.error(Messages.DeployRequest_WorkspaceAndUrl());
            }
            if (DeployRequest.isBlank(workspace)) {
                return FormValidation.ok();
            }
            DatabricksWorkspace configured = DatabricksGlobalConfiguration.get().findWorkspace(workspace);
            if (configured == null) {
                return FormValidation.error(Messages.DatabricksDeployStep_UnknownWorkspace(workspace.trim()));
            }
            if (item != null && !configured.allowsJob(item.getFullName())) {
                return FormValidation.error(Messages.DatabricksWorkspace_NotAllowedHere(
                        configured.getName(), String.join(", ", configured.allowedFolderList()), item.getFullName()));
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckWorkspaceUrl(@AncestorInPath Item item, @QueryParameter String value) {
            if (!DatabricksCredentials.mayUseJobForms(item)) {
                return FormValidation.ok();
            }
            if (DeployRequest.isBlank(value)) {
                return FormValidation.ok();
            }
            String problem = WorkspaceRules.urlProblem(value);
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        @POST
        public FormValidation doCheckCredentialsId(
                @AncestorInPath Item item,
                @QueryParameter String workspaceUrl,
                @QueryParameter String idTokenCredentialsId,
                @QueryParameter String value) {
            if (!DatabricksCredentials.mayUseJobForms(item)) {
                return FormValidation.ok();
            }
            if (DeployRequest.isBlank(workspaceUrl)) {
                return FormValidation.ok();
            }
            if (DeployRequest.isBlank(value)) {
                return DeployRequest.isBlank(idTokenCredentialsId)
                        ? FormValidation.error(Messages.DeployRequest_UrlWithoutCredentials())
                        : FormValidation.ok();
            }
            if (!DeployRequest.isBlank(idTokenCredentialsId)) {
                return FormValidation.error(Messages.DeployRequest_TwoCredentials());
            }
            return DatabricksCredentials.checkInItem(item, workspaceUrl, value);
        }

        /** Secret text credentials only: the id token is the secret's value. */
        @POST
        public ListBoxModel doFillIdTokenCredentialsIdItems(
                @AncestorInPath Item item,
                @QueryParameter String workspaceUrl,
                @QueryParameter String idTokenCredentialsId) {
            return DatabricksCredentials.fillIdTokensInItem(item, workspaceUrl, idTokenCredentialsId);
        }

        @POST
        public FormValidation doCheckIdTokenCredentialsId(
                @AncestorInPath Item item,
                @QueryParameter String workspace,
                @QueryParameter String workspaceUrl,
                @QueryParameter String value) {
            if (!DatabricksCredentials.mayUseJobForms(item) || DeployRequest.isBlank(value)) {
                return FormValidation.ok();
            }
            if (!DeployRequest.isBlank(workspace)) {
                return FormValidation.error(Messages.DeployRequest_WorkspaceWithFederation());
            }
            return DatabricksCredentials.checkIdTokenInItem(item, workspaceUrl, value);
        }

        @POST
        public FormValidation doCheckClientId(
                @AncestorInPath Item item, @QueryParameter String idTokenCredentialsId, @QueryParameter String value) {
            if (!DatabricksCredentials.mayUseJobForms(item) || DeployRequest.isBlank(value)) {
                return FormValidation.ok();
            }
            if (DeployRequest.isBlank(idTokenCredentialsId)) {
                return FormValidation.error(Messages.DeployRequest_ClientIdWithoutIdToken());
            }
            return DatabricksServicePrincipalCredentials.DescriptorImpl.checkClientId(value);
        }

        /**
         * Starts with "default" (value empty): the workspace's choice, else automatic by the folder. Like
         * {@link #doFillRestartItems()}, so an untouched form pins nothing.
         */
        @POST
        public ListBoxModel doFillApiItems() {
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.DeployConfiguration_ApiDefault(), "");
            model.add(Messages.DeployConfiguration_Api_REST_2(), DatabricksApi.REST_2.fieldValue());
            model.add(Messages.DeployConfiguration_Api_REST_1_2(), DatabricksApi.REST_1_2.fieldValue());
            return model;
        }

        /** Which API the folder means, when the choice is automatic; the engine's complaint about the field. */
        @POST
        public FormValidation doCheckApi(
                @AncestorInPath Item item, @QueryParameter String folder, @QueryParameter String value) {
            if (!DatabricksCredentials.mayUseJobForms(item)) {
                return FormValidation.ok();
            }
            List<String> problems = fields().api(value).build().problemsWith("api");
            if (!problems.isEmpty()) {
                return FormValidation.error(String.join("\n", problems));
            }
            if (DeployRequest.isBlank(value) && !DeployRequest.isBlank(folder)) {
                return FormValidation.ok(Messages.DeployConfiguration_ApiByFolder(
                        folder.trim(), DatabricksApi.forFolder(folder.trim()).toString()));
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckJar(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, fields().jar(value).build(), "jar");
        }

        @POST
        public FormValidation doCheckLibraryName(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, fields().libraryName(value).build(), "libraryName");
        }

        @POST
        public FormValidation doCheckFolder(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, fields().folder(value).build(), "folder");
        }

        @POST
        public FormValidation doCheckReplaces(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, fields().replaces(value).build(), "replaces");
        }

        @POST
        public FormValidation doCheckClusters(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, fields().clusters(value).build(), "clusters");
        }

        @POST
        public FormValidation doCheckWaitTimeoutSeconds(@AncestorInPath Item item, @QueryParameter String value) {
            return checkNumber(item, value, fields().waitTimeoutSeconds(value), "waitTimeoutSeconds");
        }

        @POST
        public FormValidation doCheckKeepVersions(@AncestorInPath Item item, @QueryParameter String value) {
            return checkNumber(item, value, fields().keepVersions(value), "keepVersions");
        }

        /**
         * Also says when both a command and a file are given: the engine files that under {@code smokeCommand}, a
         * text area without a check of its own.
         */
        @POST
        public FormValidation doCheckSmokeCommandFile(
                @AncestorInPath Item item, @QueryParameter String smokeCommand, @QueryParameter String value) {
            return check(
                    item,
                    fields().smokeCommand(smokeCommand).smokeCommandFile(value).build(),
                    "smokeCommandFile",
                    "smokeCommand");
        }

        /** Also says when a command or a command file is given too: a deploy runs one smoke test. */
        @POST
        public FormValidation doCheckSmokeMainClass(
                @AncestorInPath Item item,
                @QueryParameter String smokeCommand,
                @QueryParameter String smokeCommandFile,
                @QueryParameter String value) {
            return check(
                    item,
                    fields().smokeCommand(smokeCommand)
                            .smokeCommandFile(smokeCommandFile)
                            .smokeMainClass(value)
                            .build(),
                    "smokeMainClass");
        }

        @POST
        public FormValidation doCheckSmokeParameters(
                @AncestorInPath Item item, @QueryParameter String smokeMainClass, @QueryParameter String value) {
            return check(
                    item,
                    fields().smokeMainClass(smokeMainClass)
                            .smokeParameters(value)
                            .build(),
                    "smokeParameters");
        }

        @POST
        public FormValidation doCheckSmokeExpect(
                @AncestorInPath Item item,
                @QueryParameter String smokeCommand,
                @QueryParameter String smokeCommandFile,
                @QueryParameter String smokeMainClass,
                @QueryParameter String value) {
            return check(
                    item,
                    fields().smokeCommand(smokeCommand)
                            .smokeCommandFile(smokeCommandFile)
                            .smokeMainClass(smokeMainClass)
                            .smokeExpect(value)
                            .build(),
                    "smokeExpect");
        }

        @POST
        public FormValidation doCheckSmokeTimeoutSeconds(@AncestorInPath Item item, @QueryParameter String value) {
            return checkNumber(item, value, fields().smokeTimeoutSeconds(value), "smokeTimeoutSeconds");
        }

        private static FormFields fields() {
            return new FormFields();
        }

        /** Text that is not a whole number never reaches the engine: the field would read as empty there. */
        private static FormValidation checkNumber(Item item, String value, FormFields fields, String parameter) {
            String notANumber = FormFields.numberProblem(value);
            if (notANumber != null && DatabricksCredentials.mayUseJobForms(item)) {
                return FormValidation.error(notANumber);
            }
            return check(item, fields.build(), parameter);
        }

        private static FormValidation check(Item item, DeployRequest request, String... parameters) {
            if (!DatabricksCredentials.mayUseJobForms(item)) {
                return FormValidation.ok();
            }
            List<String> problems = request.problemsWith(parameters);
            return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(String.join("\n", problems));
        }
    }
}
