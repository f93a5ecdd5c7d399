package io.jenkins.plugins.databricks;

import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.CLUSTER_ID;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.WORKSPACE;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.emulatorWithCluster;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.setUpWorkspace;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.writeJar;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.LibraryClusterStatus;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.FailureBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.UnstableBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build step and the post-build action: forms survive a round trip, builds deploy, thresholds hold. */
@WithJenkins
class FreestyleJenkinsTest {

    private DatabricksEmulator emulator;

    @BeforeEach
    void startEmulator() {
        emulator = emulatorWithCluster();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    private static DeployConfiguration fullDeploy() {
        DeployConfiguration deploy = new DeployConfiguration();
        deploy.setWorkspace(WORKSPACE);
        deploy.setJar("target/*.jar");
        deploy.setLibraryName("{name}-{build}.jar");
        deploy.setFolder("/Shared/releases");
        deploy.setReplaces("app-.*\\.jar");
        deploy.setClusters("analytics");
        deploy.setRestart("NEVER");
        deploy.setWaitTimeoutSeconds(120);
        deploy.setKeepVersions(3);
        deploy.setSmokeCommand("// emulator: print=ok");
        deploy.setSmokeLanguage("scala");
        deploy.setSmokeExpect("ok");
        deploy.setSmokeTimeoutSeconds(60);
        deploy.setRollback(false);
        deploy.setDryRun(true);
        return deploy;
    }

    @Test
    void builderFormKeepsEveryField(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        DatabricksDeployBuilder before = new DatabricksDeployBuilder(fullDeploy());

        DatabricksDeployBuilder after = r.configRoundtrip(before);

        r.assertEqualDataBoundBeans(before, after);
        assertThat(after.getDeploy().getWorkspace()).isEqualTo(WORKSPACE);
        assertThat(after.getDeploy().isRollback()).isFalse();
    }

    @Test
    void anUntouchedFormSavesNoDefaults(JenkinsRule r) throws Exception {
        DeployConfiguration deploy = new DeployConfiguration();
        deploy.setWorkspace(WORKSPACE);
        setUpWorkspace(emulator);

        DatabricksDeployBuilder after = r.configRoundtrip(new DatabricksDeployBuilder(deploy));

        // the selects' first option is "Default": nothing is pinned, so a later default change reaches this job
        assertThat(after.getDeploy().getRestart()).isNull();
        assertThat(after.getDeploy().getSmokeLanguage()).isNull();
        assertThat(after.getDeploy().getFolder()).isNull();
        assertThat(after.getDeploy().getWaitTimeoutSeconds()).isNull();
        assertThat(after.getDeploy().isRollback()).isTrue();
    }

    @Test
    void recorderFormKeepsEveryFieldAndTheThreshold(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        DatabricksDeployRecorder before = new DatabricksDeployRecorder(fullDeploy());
        before.setResultThreshold("UNSTABLE");

        DatabricksDeployRecorder after = r.configRoundtrip(before);

        r.assertEqualDataBoundBeans(before, after);
        assertThat(after.getResultThreshold()).isEqualTo("UNSTABLE");
    }

    @Test
    void builderDeploysAndLaterStepsSeeTheEnvironment(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        FreeStyleProject p = r.createFreeStyleProject("freestyle");
        p.getBuildersList().add(writesJar());
        DeployConfiguration deploy = new DeployConfiguration();
        deploy.setWorkspace(WORKSPACE);
        deploy.setJar("target/app.jar");
        deploy.setLibraryName("app-${BUILD_NUMBER}.jar"); // freestyle fields expand build variables
        deploy.setClusters("analytics");
        p.getBuildersList().add(new DatabricksDeployBuilder(deploy));
        p.getBuildersList()
                .add(TestBuilder.of((build, launcher, listener) -> listener.getLogger()
                        .println("later step sees "
                                + build.getEnvironment(listener).get("DATABRICKS_LIBRARY_NAME"))));

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        assertThat(emulator.libraries()).singleElement().satisfies(library -> {
            assertThat(library.name()).isEqualTo("app-" + b.getNumber() + ".jar");
            assertThat(library.status(CLUSTER_ID)).isEqualTo(LibraryClusterStatus.ATTACHED);
        });
        r.assertLogContains("later step sees app-" + b.getNumber() + ".jar", b);
        assertThat(b.getAction(DeploymentAction.class).getOutcome()).isEqualTo("DEPLOYED");
    }

    @Test
    void recorderDeploysAfterASuccessfulBuild(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        FreeStyleProject p = r.createFreeStyleProject("after-success");
        p.getBuildersList().add(writesJar());
        p.getPublishersList().add(recorder(null));

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        assertThat(emulator.libraries()).hasSize(1);
        assertThat(b.getAction(DeploymentAction.class)).isNotNull();
    }

    @Test
    void recorderSkipsAFailedBuildAtTheDefaultThreshold(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        FreeStyleProject p = r.createFreeStyleProject("after-failure");
        p.getBuildersList().add(writesJar());
        p.getBuildersList().add(new FailureBuilder());
        p.getPublishersList().add(recorder(null));

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("Not deploying: the build result FAILURE is worse than the threshold SUCCESS", b);
        assertThat(emulator.journal().size()).isZero();
    }

    @Test
    void recorderSkipsAnUnstableBuildAtTheDefaultThreshold(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        FreeStyleProject p = r.createFreeStyleProject("unstable-default");
        p.getBuildersList().add(writesJar());
        p.getBuildersList().add(new UnstableBuilder());
        p.getPublishersList().add(recorder(null));

        FreeStyleBuild b = r.buildAndAssertStatus(Result.UNSTABLE, p);

        r.assertLogContains("Not deploying: the build result UNSTABLE is worse than the threshold SUCCESS", b);
        assertThat(emulator.journal().size()).isZero();
    }

    @Test
    void recorderDeploysAnUnstableBuildWhenTheThresholdAllowsIt(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        FreeStyleProject p = r.createFreeStyleProject("unstable-allowed");
        p.getBuildersList().add(writesJar());
        p.getBuildersList().add(new UnstableBuilder());
        p.getPublishersList().add(recorder("UNSTABLE"));

        FreeStyleBuild b = r.buildAndAssertStatus(Result.UNSTABLE, p);

        assertThat(emulator.libraries()).hasSize(1);
        assertThat(b.getAction(DeploymentAction.class)).isNotNull();
    }

    @Test
    void recorderStillSkipsAFailedBuildWhenTheThresholdIsUnstable(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        FreeStyleProject p = r.createFreeStyleProject("failure-unstable-threshold");
        p.getBuildersList().add(writesJar());
        p.getBuildersList().add(new FailureBuilder());
        p.getPublishersList().add(recorder("UNSTABLE"));

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("Not deploying: the build result FAILURE is worse than the threshold UNSTABLE", b);
        assertThat(emulator.journal().size()).isZero();
    }

    @Test
    void aJobSavedWithTheStepAsItsDeployPropertyLoadsAndDeploys(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        FreeStyleProject p = loadJob(r, "job-saved-with-the-step-as-deploy.xml");

        DeployConfiguration built =
                p.getBuildersList().get(DatabricksDeployBuilder.class).getDeploy();
        assertThat(built.getWorkspace()).isEqualTo(WORKSPACE);
        assertThat(built.getLibraryName()).isEqualTo("app-{build}.jar");
        assertThat(built.getRestart()).isEqualTo("NEVER");
        assertThat(built.getWaitTimeoutSeconds()).isEqualTo(120);
        assertThat(built.getKeepVersions()).isEqualTo(2);
        assertThat(built.isRollback()).isFalse();
        DatabricksDeployRecorder recorder = p.getPublishersList().get(DatabricksDeployRecorder.class);
        assertThat(recorder.getResultThreshold()).isEqualTo("UNSTABLE");
        assertThat(recorder.getDeploy().isDryRun()).isTrue();
        assertThat(recorder.getDeploy().isRollback()).as("absent: the default").isTrue();

        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        assertThat(emulator.libraries()).singleElement().satisfies(library -> {
            assertThat(library.name()).isEqualTo("app-" + b.getNumber() + ".jar");
            assertThat(library.status(CLUSTER_ID)).isEqualTo(LibraryClusterStatus.ATTACHED);
        });
        p.save();
        assertThat(p.getConfigFile().asString())
                .as("saved again in the new form")
                .contains("<deploy>")
                .doesNotContain("DatabricksDeployStep");
    }

    @Test
    void aJobWithoutTheDeployElementLoadsWithTheDefaults(JenkinsRule r) throws Exception {
        FreeStyleProject p = loadJob(r, "job-without-deploy-element.xml");

        DeployConfiguration built =
                p.getBuildersList().get(DatabricksDeployBuilder.class).getDeploy();
        assertThat(built).isNotNull();
        assertThat(built.isRollback()).isTrue();
        assertThat(p.getPublishersList().get(DatabricksDeployRecorder.class).getDeploy())
                .isNotNull();

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("No workspace: give workspace", b);
        r.assertLogNotContains("NullPointerException", b);
    }

    private static FreeStyleProject loadJob(JenkinsRule r, String fixture) throws IOException {
        try (InputStream xml = FreestyleJenkinsTest.class.getResourceAsStream("FreestyleJenkinsTest/" + fixture)) {
            assertThat(xml).as(fixture).isNotNull();
            return (FreeStyleProject) r.jenkins.createProjectFromXML(fixture.replace(".xml", ""), xml);
        }
    }

    private static DatabricksDeployRecorder recorder(String threshold) {
        DeployConfiguration deploy = new DeployConfiguration();
        deploy.setWorkspace(WORKSPACE);
        deploy.setJar("target/app.jar");
        deploy.setClusters("analytics");
        DatabricksDeployRecorder recorder = new DatabricksDeployRecorder(deploy);
        if (threshold != null) {
            recorder.setResultThreshold(threshold);
        }
        return recorder;
    }

    /** The "compile" step of these builds: writes the jar into the build's workspace. */
    private static TestBuilder writesJar() {
        return new TestBuilder() {
            @Override
            public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                    throws InterruptedException, IOException {
                writeJar(build.getWorkspace(), "v" + build.getNumber());
                return true;
            }
        };
    }
}
