package io.jenkins.plugins.databricks;

import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.CLUSTER_ID;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.await;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.emulatorWithCluster;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.setUpWorkspace;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.writeJar;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.deploy.DatabricksGateway;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.emulator.CommandStatus;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedLibrary;
import io.jenkins.plugins.databricks.emulator.LibraryClusterStatus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller restart in the middle of a Pipeline deploy: the step resumes on the new controller from the checkpoint
 * saved with the build, destroys the smoke context the old one left open, finishes the deploy and reports it. The
 * emulator outlives both sessions, as Databricks outlives a controller.
 */
class DeployRestartJenkinsTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private DatabricksEmulator emulator;
    private String v1;
    private DeploymentRunner.Gateways original;

    @BeforeEach
    void startEmulator() {
        emulator = emulatorWithCluster();
        // Both sessions share this JVM, so the old deploy thread lives on; its calls fail once its controller is
        // stopping, as a dead JVM sends nothing more.
        original = DeploymentRunner.gateways;
        DeploymentRunner.Gateways real = original;
        DeploymentRunner.gateways =
                (spec, transport, poller) -> dyingWithItsController(real.connect(spec, transport, poller));
    }

    @AfterEach
    void stopEmulator() {
        DeploymentRunner.gateways = original;
        emulator.close();
    }

    @Test
    void aRestartDuringTheSmokeCommandResumesDestroysTheLeftContextAndFinishes() throws Throwable {
        sessions.then(r -> {
            setUpWorkspace(emulator);
            WorkflowJob p = r.createProject(WorkflowJob.class, "restart");
            writeJar(r.jenkins.getWorkspaceFor(p), "v1");
            p.setDefinition(new CpsFlowDefinition(
                    "node { databricksDeploy(workspace: 'prod', jar: 'target/app.jar', clusters: 'analytics') }",
                    true));
            WorkflowRun first = r.buildAndAssertSuccess(p);
            v1 = first.getAction(DeploymentAction.class).getReport().library().id();

            writeJar(r.jenkins.getWorkspaceFor(p), "v2");
            p.setDefinition(new CpsFlowDefinition(
                    "node { databricksDeploy(workspace: 'prod', jar: 'target/app.jar', clusters: 'analytics',"
                            + " smokeCommand: 'println(1)') }",
                    true));
            emulator.settings().commandRunDuration(Duration.ofMinutes(30));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            await(
                    "the smoke command is running",
                    () -> emulator.commands().stream().anyMatch(c -> c.status() == CommandStatus.RUNNING));
        });
        emulator.settings().commandRunDuration(Duration.ofMillis(200));
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("restart", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(2);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("Resuming the deploy of ", b);
            r.assertLogContains("that the stopped JVM left open", b);
            r.assertLogContains("Smoke command on analytics", b);
            r.assertLogContains("Deployed ", b);
            DeployReport report = b.getAction(DeploymentAction.class).getReport();
            assertThat(report.outcome()).isEqualTo(DeployReport.Outcome.DEPLOYED);
            assertThat(report.notes()).anyMatch(n -> n.startsWith("resumed after the JVM"));
            assertThat(emulator.contexts()).isNotEmpty().allMatch(c -> c.destroyed());
            EmulatedLibrary added = emulator.library(report.library().id());
            assertThat(added.status(CLUSTER_ID)).isEqualTo(LibraryClusterStatus.ATTACHED);
            assertThat(emulator.library(v1).status(CLUSTER_ID))
                    .isIn(LibraryClusterStatus.DETACHED, LibraryClusterStatus.DETACH_PENDING);
        });
    }

    /** What the old controller's deploy thread meets once its controller stopped: nothing is sent any more. */
    private static final class ControllerGone extends Error {
        private static final long serialVersionUID = 1L;

        ControllerGone() {
            super("the controller that started this deploy has stopped", null, false, false);
        }
    }

    /** Answers while the controller that made it runs; afterwards every call fails as if its JVM had died. */
    private static DatabricksGateway dyingWithItsController(DatabricksGateway real) {
        Jenkins owner = Jenkins.getInstanceOrNull();
        return (DatabricksGateway) Proxy.newProxyInstance(
                DatabricksGateway.class.getClassLoader(),
                new Class<?>[] {DatabricksGateway.class},
                (proxy, m, args) -> {
                    Jenkins now = Jenkins.getInstanceOrNull();
                    if (m.getDeclaringClass() == DatabricksGateway.class
                            && (now != owner || owner == null || owner.isTerminating())) {
                        throw new ControllerGone();
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
