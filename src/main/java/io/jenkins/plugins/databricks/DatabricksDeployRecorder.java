package io.jenkins.plugins.databricks;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import hudson.util.ListBoxModel;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * The post-build action: deploys when the build's result is at least {@link #getResultThreshold()} (SUCCESS unless
 * configured). Same fields and form as the build step (a {@link DeployConfiguration} as the {@code deploy} property), same
 * {@link DeploymentRunner}.
 */
public class DatabricksDeployRecorder extends Recorder implements SimpleBuildStep {

    /** Not final: {@link #readResolve()} fills it in for job XML that lacks the element. */
    private DeployConfiguration deploy;

    private String resultThreshold = ResultThreshold.DEFAULT;

    @DataBoundConstructor
    public DatabricksDeployRecorder(DeployConfiguration deploy) {
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
     * hand or by a tool: it gets the defaults, as a new post-build action has them, instead of a build that fails on a null.
     */
    protected Object readResolve() {
        if (deploy == null) {
            deploy = new DeployConfiguration();
        }
        return this;
    }

    /** SUCCESS, UNSTABLE or FAILURE: the worst build result that still deploys. */
    public String getResultThreshold() {
        return resultThreshold;
    }

    @DataBoundSetter
    public void setResultThreshold(String resultThreshold) {
        this.resultThreshold = ResultThreshold.normalise(resultThreshold);
    }

    /** Does not wait for the previous build's post-build actions (the default monitor would). */
    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public void perform(
            @NonNull Run<?, ?> run,
            @NonNull FilePath workspace,
            @NonNull EnvVars env,
            @NonNull Launcher launcher,
            @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        Result result = run.getResult();
        // a job's XML without the element (written by hand or by a tool) leaves the field null: XStream skips
        // field initialisers, and Result.fromString(null) would throw
        Result threshold = Result.fromString(ResultThreshold.normalise(resultThreshold));
        if (result != null && !result.isBetterOrEqualTo(threshold)) {
            listener.getLogger()
                    .println(Messages.DatabricksDeployRecorder_Skipped(result.toString(), threshold.toString()));
            return;
        }
        DeploymentRunner.runInBuild(deploy.toRequest(), run, workspace, env, listener);
    }

    @Extension
    @Symbol("databricksDeployAfterBuild")
    public static final class DescriptorImpl extends BuildStepDescriptor<Publisher> {

        @SuppressWarnings("rawtypes")
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DatabricksDeployRecorder_DisplayName();
        }

        @POST
        public ListBoxModel doFillResultThresholdItems() {
            ListBoxModel model = new ListBoxModel();
            model.add(Messages.DatabricksDeployRecorder_Threshold_SUCCESS(), "SUCCESS");
            model.add(Messages.DatabricksDeployRecorder_Threshold_UNSTABLE(), "UNSTABLE");
            model.add(Messages.DatabricksDeployRecorder_Threshold_FAILURE(), "FAILURE");
            return model;
        }
    }
}
