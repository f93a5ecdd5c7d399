package io.jenkins.plugins.databricks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.Serializable;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The Pipeline step {@code databricksDeploy(...)}, which returns the deploy's result. Its fields are a
 * {@link DeployConfiguration}'s (the one definition, with the checks and the form), shown as the step's own flat
 * parameters: {@code databricksDeploy(workspace: 'prod', jar: 'target/*.jar', clusters: 'etl')}.
 *
 * <p>Why the accessors below forward instead of the step taking a nested object: Pipeline and the Snippet Generator
 * read a step's parameters from the {@code @DataBoundSetter}s of the step class itself, and a Step must extend
 * {@link Step}. structs' {@code CustomDescribableModel} could flatten a nested object, but its documentation limits
 * it to compatibility cases and says Configuration as Code and tools that read the bytecode ignore it. So every
 * setter here is one line that hands the value to the configuration, which trims, defaults and checks it; a test
 * ({@code DeployStepParametersTest}) keeps the two sets of setters equal.
 */
public class DatabricksDeployStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final DeployConfiguration configuration;

    /** Every parameter is optional here; the deploy says which ones are missing, by name. */
    @DataBoundConstructor
    public DatabricksDeployStep() {
        this.configuration = new DeployConfiguration();
    }

    /** The fields as a Jenkins-free value, for the engine and the offline tests. */
    public DeployRequest toRequest() {
        return configuration.toRequest();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new DeployStepExecution(context, toRequest());
    }

    public String getWorkspace() {
        return configuration.getWorkspace();
    }

    @DataBoundSetter
    public void setWorkspace(String workspace) {
        configuration.setWorkspace(workspace);
    }

    public String getWorkspaceUrl() {
        return configuration.getWorkspaceUrl();
    }

    @DataBoundSetter
    public void setWorkspaceUrl(String workspaceUrl) {
        configuration.setWorkspaceUrl(workspaceUrl);
    }

    public String getCredentialsId() {
        return configuration.getCredentialsId();
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        configuration.setCredentialsId(credentialsId);
    }

    public String getJar() {
        return configuration.getJar();
    }

    @DataBoundSetter
    public void setJar(String jar) {
        configuration.setJar(jar);
    }

    public String getLibraryName() {
        return configuration.getLibraryName();
    }

    @DataBoundSetter
    public void setLibraryName(String libraryName) {
        configuration.setLibraryName(libraryName);
    }

    public String getFolder() {
        return configuration.getFolder();
    }

    @DataBoundSetter
    public void setFolder(String folder) {
        configuration.setFolder(folder);
    }

    public String getReplaces() {
        return configuration.getReplaces();
    }

    @DataBoundSetter
    public void setReplaces(String replaces) {
        configuration.setReplaces(replaces);
    }

    public boolean isReplaceOtherCopies() {
        return configuration.isReplaceOtherCopies();
    }

    @DataBoundSetter
    public void setReplaceOtherCopies(boolean replaceOtherCopies) {
        configuration.setReplaceOtherCopies(replaceOtherCopies);
    }

    public String getClusters() {
        return configuration.getClusters();
    }

    @DataBoundSetter
    public void setClusters(String clusters) {
        configuration.setClusters(clusters);
    }

    public String getRestart() {
        return configuration.getRestart();
    }

    @DataBoundSetter
    public void setRestart(String restart) {
        configuration.setRestart(restart);
    }

    public Integer getWaitTimeoutSeconds() {
        return configuration.getWaitTimeoutSeconds();
    }

    @DataBoundSetter
    public void setWaitTimeoutSeconds(Integer waitTimeoutSeconds) {
        configuration.setWaitTimeoutSeconds(waitTimeoutSeconds);
    }

    public Integer getKeepVersions() {
        return configuration.getKeepVersions();
    }

    @DataBoundSetter
    public void setKeepVersions(Integer keepVersions) {
        configuration.setKeepVersions(keepVersions);
    }

    public String getSmokeCommand() {
        return configuration.getSmokeCommand();
    }

    @DataBoundSetter
    public void setSmokeCommand(String smokeCommand) {
        configuration.setSmokeCommand(smokeCommand);
    }

    public String getSmokeCommandFile() {
        return configuration.getSmokeCommandFile();
    }

    @DataBoundSetter
    public void setSmokeCommandFile(String smokeCommandFile) {
        configuration.setSmokeCommandFile(smokeCommandFile);
    }

    public String getSmokeMainClass() {
        return configuration.getSmokeMainClass();
    }

    @DataBoundSetter
    public void setSmokeMainClass(String smokeMainClass) {
        configuration.setSmokeMainClass(smokeMainClass);
    }

    public String getSmokeParameters() {
        return configuration.getSmokeParameters();
    }

    @DataBoundSetter
    public void setSmokeParameters(String smokeParameters) {
        configuration.setSmokeParameters(smokeParameters);
    }

    public String getSmokeLanguage() {
        return configuration.getSmokeLanguage();
    }

    @DataBoundSetter
    public void setSmokeLanguage(String smokeLanguage) {
        configuration.setSmokeLanguage(smokeLanguage);
    }

    public String getSmokeExpect() {
        return configuration.getSmokeExpect();
    }

    @DataBoundSetter
    public void setSmokeExpect(String smokeExpect) {
        configuration.setSmokeExpect(smokeExpect);
    }

    public Integer getSmokeTimeoutSeconds() {
        return configuration.getSmokeTimeoutSeconds();
    }

    @DataBoundSetter
    public void setSmokeTimeoutSeconds(Integer smokeTimeoutSeconds) {
        configuration.setSmokeTimeoutSeconds(smokeTimeoutSeconds);
    }

    public boolean isRollback() {
        return configuration.isRollback();
    }

    @DataBoundSetter
    public void setRollback(boolean rollback) {
        configuration.setRollback(rollback);
    }

    public boolean isDryRun() {
        return configuration.isDryRun();
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        configuration.setDryRun(dryRun);
    }

    public String getApi() {
        return configuration.getApi();
    }

    @DataBoundSetter
    public void setApi(String api) {
        configuration.setApi(api);
    }

    public String getIdTokenCredentialsId() {
        return configuration.getIdTokenCredentialsId();
    }

    @DataBoundSetter
    public void setIdTokenCredentialsId(String idTokenCredentialsId) {
        configuration.setIdTokenCredentialsId(idTokenCredentialsId);
    }

    public String getClientId() {
        return configuration.getClientId();
    }

    @DataBoundSetter
    public void setClientId(String clientId) {
        configuration.setClientId(clientId);
    }

    /**
     * Names the step {@code databricksDeploy}. Its form is the {@link DeployConfiguration}'s, flat (see
     * {@code config.jelly}), so the checks and dropdowns are that descriptor's; each parameter's help is that
     * field's help.
     */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @SuppressWarnings("this-escape") // registers help redirects only; nothing reads this descriptor yet
        public DescriptorImpl() {
            for (String field : DeployConfiguration.fieldNames()) {
                addHelpFileRedirect(field, DeployConfiguration.class, field);
            }
        }

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

        /** The descriptor whose form, checks and dropdowns the step's page shows. */
        public DeployConfiguration.DescriptorImpl getConfigurationDescriptor() {
            return DeployConfiguration.descriptor();
        }
    }
}
