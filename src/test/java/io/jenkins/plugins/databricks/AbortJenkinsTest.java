package io.jenkins.plugins.databricks;

import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.WORKSPACE;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.await;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.emulatorWithCluster;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.setUpWorkspace;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.writeJar;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.model.TaskListener;
import io.jenkins.plugins.databricks.emulator.CommandStatus;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Aborts in a real build: the step ends after the rollback (freestyle as Pipeline), and a second abort at once. */
@WithJenkins
class AbortJenkinsTest {

    private DatabricksEmulator emulator;

    @BeforeEach
    void startEmulator() {
        emulator = emulatorWithCluster();
    }

    @AfterEach
    void stopEmulator() {
        emulator.faults().clear();
        emulator.close();
    }

    private void smokeRunning() throws InterruptedException {
        await(
                "the smoke command is running",
                () -> emulator.commands().stream().anyMatch(c -> c.status() == CommandStatus.RUNNING));
    }

    @Test
    void aFreestyleAbortEndsTheBuildOnlyAfterTheRollbackWithTheActionAndVariablesSet(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        FreeStyleProject p = r.createFreeStyleProject("freestyle-abort");
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        DatabricksDeployStep deploy = new DatabricksDeployStep();
        deploy.setWorkspace(WORKSPACE);
        deploy.setJar("target/app.jar");
        deploy.setClusters("analytics");
        deploy.setSmokeCommand("// emulator: hang");
        p.getBuildersList().add(new DatabricksDeployBuilder(deploy));

        FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
        smokeRunning();
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        // no waiting: all of it happened before the build ended
        assertThat(emulator.journal().paths()).contains("commands/cancel", "contexts/destroy", "libraries/detach");
        assertThat(emulator.contexts()).allMatch(c -> c.destroyed());
        r.assertLogContains("Rollback: detached new library", b);
        assertThat(b.getAction(DeploymentAction.class).getOutcome()).isEqualTo("ABORTED");
        assertThat(b.getEnvironment(TaskListener.NULL).get(DeployResult.ENV_OUTCOME))
                .isEqualTo("ABORTED");
    }

    @Test
    void aSecondStopEndsThePipelineStepAtOnceAndSaysWhatIsLeft(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        WorkflowJob p = r.createProject(WorkflowJob.class, "second-stop");
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  databricksDeploy(workspace: 'prod', jar: 'target/app.jar', clusters: 'analytics',
                      smokeCommand: '// emulator: hang')
                }
                """, true));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        smokeRunning();
        // the rollback's detach gets no answer for a long time
        emulator.faults().forPath("libraries/detach").always().latency(Duration.ofMinutes(2));
        b.doStop();
        r.waitForMessage("Abort: stopping the deploy", b);
        await("the rollback is under way", () -> emulator.contexts().stream().allMatch(c -> c.destroyed()));
        long secondStop = System.nanoTime();
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertThat(Duration.ofNanos(System.nanoTime() - secondStop))
                .as("the second stop ended the step without waiting for the detach")
                .isLessThan(Duration.ofSeconds(60));
        r.assertLogContains("Second abort: ending the step now. What may be unfinished: the rollback", b);
        await("the rollback said what it left undone", () -> {
            try {
                return List.of(JenkinsRule.getLog(b).split("\n")).stream()
                        .anyMatch(l -> l.contains("rollback stopped by a second abort; left undone: detach"));
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }
}
