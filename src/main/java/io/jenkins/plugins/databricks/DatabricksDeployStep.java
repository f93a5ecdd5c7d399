package io.jenkins.plugins.databricks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.RestartPolicy;
import io.jenkins.plugins.databricks.deploy.SmokeLanguage;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The Pipeline step {@code databricksDeploy(...)} and the one definition of the deploy fields: every field is an
 * optional {@code @DataBoundSetter} with a default, its descriptor holds the field checks and dropdowns, and its
 * {@code config.jelly} is the one form. The freestyle {@link DatabricksDeployBuilder} and the post-build
 * {@link DatabricksDeployRecorder} hold an instance of this class as their {@code deploy} property and render the
 * same form with {@code <f:property field="deploy"/>}.
 *
 * <p>Serializable because the builder and recorder are sent with remote-agent build steps' state in some setups;
 * it holds only strings, numbers and booleans (a credentials id, never a secret).
 */
public class DatabricksDeployStep extends Step implements Serializable {

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

    /** Every field is optional here; the deploy says which ones are missing, by name. */
    @DataBoundConstructor
    public DatabricksDeployStep() {}

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
                dryRun);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, toRequest());
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

    /**
     * Runs the deploy on a thread of its own (the Pipeline's thread must not block). Aborting the build interrupts
     * that thread; the engine then cancels the smoke command, destroys its context and rolls back if asked. Cannot
     * resume after a controller restart: the step then fails and says so.
     */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final DeployRequest request;

        Execution(StepContext context, DeployRequest request) {
            super(context);
            this.request = request;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            FilePath workspace = context.get(FilePath.class);
            TaskListener listener = context.get(TaskListener.class);
            return DeploymentRunner.run(request, run, workspace, listener);
        }
    }

    /**
     * Names the step {@code databricksDeploy}; holds the checks and dropdowns of the shared form, which the
     * builder's and recorder's forms reach through their {@code deploy} property.
     */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "databricksDeploy";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DatabricksDeployStep_DisplayName();
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
                @AncestorInPath Item item, @QueryParameter String workspaceUrl, @QueryParameter String value) {
            if (!DatabricksCredentials.mayUseJobForms(item)) {
                return FormValidation.ok();
            }
            if (DeployRequest.isBlank(workspaceUrl)) {
                return FormValidation.ok();
            }
            if (DeployRequest.isBlank(value)) {
                return FormValidation.error(Messages.DeployRequest_UrlWithoutCredentials());
            }
            return DatabricksCredentials.checkInItem(item, workspaceUrl, value);
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
