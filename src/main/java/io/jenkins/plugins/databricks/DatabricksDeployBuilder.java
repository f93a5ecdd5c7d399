package io.jenkins.plugins.databricks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle build step. Its fields are the Pipeline step's, held as the {@code deploy} property and shown with
 * the same form; it runs the same {@link DeploymentRunner}. In Pipeline, use {@code databricksDeploy(...)} instead,
 * which also returns the result.
 */
public class DatabricksDeployBuilder extends Builder implements SimpleBuildStep {

    private final DatabricksDeployStep deploy;

    @DataBoundConstructor
    public DatabricksDeployBuilder(DatabricksDeployStep deploy) {
        this.deploy = deploy == null ? new DatabricksDeployStep() : deploy;
    }

    public DatabricksDeployStep getDeploy() {
        return deploy;
    }

    @Override
    public void perform(
            @NonNull Run<?, ?> run,
            @NonNull FilePath workspace,
            @NonNull EnvVars env,
            @NonNull Launcher launcher,
            @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        DeploymentRunner.runInBuild(deploy.toRequest(), run, workspace, env, listener);
    }

    @Extension
    @Symbol("databricksDeployBuilder")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @SuppressWarnings("rawtypes")
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DatabricksDeployBuilder_DisplayName();
        }
    }
}
