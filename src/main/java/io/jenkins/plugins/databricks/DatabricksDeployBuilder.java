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
 * The freestyle build step. Its fields are a {@link DeployConfiguration}, held as the {@code deploy} property and
 * shown with that one form; it runs the same {@link DeploymentRunner} as the Pipeline step. In Pipeline, use {@code databricksDeploy(...)} instead,
 * which also returns the result.
 */
public class DatabricksDeployBuilder extends Builder implements SimpleBuildStep {

    /** Not final: {@link #readResolve()} fills it in for job XML that lacks the element. */
    private DeployConfiguration deploy;

    @DataBoundConstructor
    public DatabricksDeployBuilder(DeployConfiguration deploy) {
        this.deploy = deploy == null ? new DeployConfiguration() : deploy;
    }

    public DeployConfiguration getDeploy() {
        return deploy;
    }

    /**
     * Job XML saved while the fields lived on the Pipeline step holds them in {@code <deploy>}, also when marked
     * {@code class="io.jenkins.plugins.databricks.DatabricksDeployStep"}: Jenkins' XStream reads an element whose
     * class does not fit the field as the field's own type, and the field names did not change, so the old form
     * reads as it is (FreestyleJenkinsTest loads such a job). What is left is XML without the element, written by
     * hand or by a tool: it gets the defaults, as a new build step has them, instead of a build that fails on a null.
     */
    protected Object readResolve() {
        if (deploy == null) {
            deploy = new DeployConfiguration();
        }
        return this;
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
