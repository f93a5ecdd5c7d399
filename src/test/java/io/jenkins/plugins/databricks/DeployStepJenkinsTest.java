package io.jenkins.plugins.databricks;

import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.CLUSTER_ID;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.JAR;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.WORKSPACE;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.await;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.emulatorWithCluster;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.jarBytes;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.setUpWorkspace;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.writeJar;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import io.jenkins.plugins.databricks.emulator.CommandStatus;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedLibrary;
import io.jenkins.plugins.databricks.emulator.LibraryClusterStatus;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Pipeline step {@code databricksDeploy} against the emulator, in scripted and declarative Pipelines. */
@WithJenkins
class DeployStepJenkinsTest {

    private DatabricksEmulator emulator;

    @BeforeEach
    void startEmulator() {
        emulator = emulatorWithCluster();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void jobXmlWithoutRollbackKeepsRollbackOn(JenkinsRule r) {
        // XStream skips field initialisers: a job written by hand or by a tool may lack <rollback>.
        DeployConfiguration step = (DeployConfiguration)
                Jenkins.XSTREAM2.fromXML("<io.jenkins.plugins.databricks.DeployConfiguration><jar>target/app.jar</jar>"
                        + "</io.jenkins.plugins.databricks.DeployConfiguration>");
        assertThat(step.getJar()).isEqualTo("target/app.jar");
        assertThat(step.isRollback()).isTrue();
    }

    @Test
    void everyParameterOfTheStepReachesItsConfiguration(JenkinsRule r) throws Exception {
        DeployRequest defaults = new DeployConfiguration().toRequest();
        for (var setter :
                DeployStepParametersTest.setters(DeployConfiguration.class).entrySet()) {
            String name = setter.getKey();
            Object value = DeployStepParametersTest.sample(setter.getValue(), defaults, name);
            DatabricksDeployStep step = new DatabricksDeployStep();
            DeployConfiguration configuration = new DeployConfiguration();
            DatabricksDeployStep.class
                    .getMethod(DeployStepParametersTest.setterName(name), setter.getValue())
                    .invoke(step, value);
            DeployConfiguration.class
                    .getMethod(DeployStepParametersTest.setterName(name), setter.getValue())
                    .invoke(configuration, value);
            assertThat(step.toRequest())
                    .as(name)
                    .isEqualTo(configuration.toRequest())
                    .isNotEqualTo(defaults);
        }
    }

    @Test
    void theSnippetGeneratorWritesFlatParameters(JenkinsRule r) throws Exception {
        DatabricksDeployStep step = new DatabricksDeployStep();
        step.setWorkspace(WORKSPACE);
        step.setJar("target/app.jar");
        step.setClusters("analytics");
        step.setRollback(false);

        String snippet = Snippetizer.object2Groovy(step);

        assertThat(snippet)
                .startsWith("databricksDeploy ")
                .contains("workspace: 'prod'", "jar: 'target/app.jar'", "clusters: 'analytics'", "rollback: false")
                .doesNotContain("deploy:", "configuration", "dryRun");
    }

    @Test
    void theSnippetGeneratorsFormBindsFlatFields(JenkinsRule r) throws Exception {
        // what the step's form posts: the deploy fields at the top level, as config.jelly includes them unnested
        String json = "{\"stapler-class\": \"" + DatabricksDeployStep.class.getName() + "\", \"workspace\": \"prod\","
                + " \"jar\": \"target/app.jar\", \"clusters\": \"analytics\", \"folder\": \"\", \"rollback\": true,"
                + " \"dryRun\": true}";
        JenkinsRule.WebClient web = r.createWebClient();
        WebRequest request = new WebRequest(
                URI.create(r.getURL() + "pipeline-syntax/generateSnippet").toURL(), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("json", json)));

        Page page = web.getPage(web.addCrumb(request));
        String snippet = page.getWebResponse().getContentAsString();

        assertThat(snippet)
                .startsWith("databricksDeploy ")
                .contains("workspace: 'prod'", "dryRun: true")
                .doesNotContain("folder", "rollback", "Exception");
    }

    @Test
    void scriptedPipelineGetsTheResultAndTheEnvironment(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        WorkflowJob p = r.createProject(WorkflowJob.class, "scripted");
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  def result = databricksDeploy(workspace: 'prod', jar: 'target/app.jar', clusters: 'analytics',
                      smokeCommand: '// emulator: print=smoke-ok', smokeExpect: 'smoke-ok')
                  echo "outcome=${result.outcome} id=${result.libraryId} cluster=${result.clusters[0].id}"
                  echo "smoke=${result.smokeOutput}"
                  echo "env=${env.DATABRICKS_LIBRARY_ID} ${env.DATABRICKS_DEPLOY_OUTCOME} ${env.DATABRICKS_CLUSTERS}"
                }
                """, true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        EmulatedLibrary library = onlyLibrary();
        assertThat(library.status(CLUSTER_ID)).isEqualTo(LibraryClusterStatus.ATTACHED);
        r.assertLogContains("outcome=DEPLOYED id=" + library.id() + " cluster=" + CLUSTER_ID, b);
        r.assertLogContains("smoke=smoke-ok", b);
        r.assertLogContains("env=" + library.id() + " DEPLOYED " + CLUSTER_ID, b);
        assertThat(emulator.journal().paths()).contains("libraries/upload", "libraries/attach", "commands/execute");
        assertThat(b.getAction(DeploymentAction.class)).isNotNull();
        assertThat(b.getAction(DeploymentAction.class).getOutcome()).isEqualTo("DEPLOYED");
    }

    @Test
    void declarativePipelineGetsTheResultAndTheEnvironment(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        WorkflowJob p = r.createProject(WorkflowJob.class, "declarative");
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.setDefinition(new CpsFlowDefinition("""
                pipeline {
                  agent any
                  stages {
                    stage('Deploy') {
                      steps {
                        script {
                          def deployed = databricksDeploy(workspace: 'prod', jar: 'target/app.jar', clusters: 'analytics')
                          echo "deployed ${deployed.libraryName} as ${deployed.libraryId}"
                        }
                        echo "env says ${env.DATABRICKS_LIBRARY_NAME}"
                      }
                    }
                  }
                }
                """, true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        EmulatedLibrary library = onlyLibrary();
        r.assertLogContains("deployed " + library.name() + " as " + library.id(), b);
        r.assertLogContains("env says " + library.name(), b);
        assertThat(library.name()).startsWith("app-").endsWith(".jar");
    }

    @Test
    void databricksDeployIsTheStepAndReturnsAMap(JenkinsRule r) throws Exception {
        assertThat(StepDescriptor.byFunctionName("databricksDeploy"))
                .isInstanceOf(DatabricksDeployStep.DescriptorImpl.class);
        setUpWorkspace(emulator);
        WorkflowJob p = r.createProject(WorkflowJob.class, "dry-run");
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  def result = databricksDeploy(workspace: 'prod', jar: 'target/app.jar', clusters: 'analytics',
                      dryRun: true)
                  echo "map=${result instanceof Map} outcome=${result.outcome}"
                }
                """, true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("map=true outcome=PLANNED", b);
        assertThat(emulator.journal().mutations()).isEmpty();
    }

    @Test
    void missingCredentialsFailNamingTheId(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "missing-credentials");
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.setDefinition(new CpsFlowDefinition(
                "node { databricksDeploy(workspaceUrl: '" + emulator.url()
                        + "', credentialsId: 'no-such-id', jar: 'target/app.jar', clusters: 'analytics') }",
                true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("No credentials with the id \"no-such-id\"", b);
        assertThat(emulator.journal().size()).isZero();
    }

    @Test
    void wrongTypeOfCredentialsFailsNamingTheId(JenkinsRule r) throws Exception {
        DeployFixturesJenkinsTest.addCredentials(new FileCredentialsImpl(
                CredentialsScope.GLOBAL, "a-file", "not a token", "token.txt", SecretBytes.fromBytes(new byte[] {1, 2, 3
                })));
        WorkflowJob p = r.createProject(WorkflowJob.class, "wrong-type");
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.setDefinition(new CpsFlowDefinition(
                "node { databricksDeploy(workspaceUrl: '" + emulator.url()
                        + "', credentialsId: 'a-file', jar: 'target/app.jar', clusters: 'analytics') }",
                true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("The credentials \"a-file\" cannot authenticate to Databricks", b);
        assertThat(emulator.journal().size()).isZero();
    }

    @Test
    void abortDuringTheSmokeCommandCancelsItAndDestroysTheContext(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        WorkflowJob p = r.createProject(WorkflowJob.class, "abort");
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  databricksDeploy(workspace: 'prod', jar: 'target/app.jar', clusters: 'analytics',
                      smokeCommand: '// emulator: hang')
                }
                """, true));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        await(
                "the smoke command is running",
                () -> emulator.commands().stream().anyMatch(c -> c.status() == CommandStatus.RUNNING));
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        // the step ends only once the engine has cancelled, destroyed and rolled back: no waiting here
        assertThat(emulator.journal().paths()).contains("commands/cancel", "contexts/destroy", "libraries/detach");
        assertThat(emulator.commands()).allMatch(c -> c.status() == CommandStatus.CANCELLED);
        assertThat(emulator.contexts()).allMatch(c -> c.destroyed());
        r.assertLogContains("Abort: stopping the deploy", b);
        r.assertLogContains("Rollback: detached new library", b);
        r.assertLogContains("ABORTED: interrupted", b);
        DeploymentAction action = b.getAction(DeploymentAction.class);
        assertThat(action).isNotNull();
        assertThat(action.getReport().outcome())
                .isEqualTo(io.jenkins.plugins.databricks.deploy.DeployReport.Outcome.ABORTED);
    }

    @Test
    void noSecretReachesTheLogOrTheBuildPage(JenkinsRule r) throws Exception {
        String password = "pw-" + Long.toHexString(System.nanoTime()) + "-secret";
        DeployFixturesJenkinsTest.addUser(emulator, "basic-user", "deployer", password);
        DeployFixturesJenkinsTest.addToken(emulator);
        WorkflowJob p = r.createProject(WorkflowJob.class, "secrets");
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  databricksDeploy(workspaceUrl: '" + emulator.url() + "', credentialsId: 'basic-user',"
                        + " jar: 'target/app.jar', clusters: 'analytics', smokeCommand: '// emulator: print=done')\n"
                        + "  databricksDeploy(workspaceUrl: '" + emulator.url() + "', credentialsId: '"
                        + DeployFixturesJenkinsTest.TOKEN_ID
                        + "', jar: 'target/app.jar', clusters: 'analytics', dryRun: true)\n"
                        + "}",
                true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        String token = emulator.token();
        r.assertLogNotContains(password, b);
        r.assertLogNotContains(token, b);
        JenkinsRule.WebClient wc = r.createWebClient();
        String buildPage = wc.getPage(b).getWebResponse().getContentAsString();
        String consolePage = wc.getPage(b, "console").getWebResponse().getContentAsString();
        assertThat(buildPage).contains(onlyLibrary().name()).doesNotContain(password, token);
        assertThat(consolePage).doesNotContain(password, token);
        assertThat(b.getRootDir().toPath().resolve("build.xml")).content().doesNotContain(password, token);
    }

    @Test
    void jarOnARemoteAgentIsStreamedToTheController(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        DumbSlave agent = r.createOnlineSlave(Label.get("remote"));
        WorkflowJob p = r.createProject(WorkflowJob.class, "on-agent");
        writeJar(agent.getWorkspaceFor(p), "built on the agent");
        p.setDefinition(new CpsFlowDefinition("""
                node('remote') {
                  def result = databricksDeploy(workspace: 'prod', jar: 'target/*.jar', clusters: 'analytics')
                  echo "sha256=${result.sha256}"
                }
                """, true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jarBytes("built on the agent")));
        assertThat(onlyLibrary().sha256()).isEqualTo(sha256);
        r.assertLogContains("sha256=" + sha256, b);
        r.assertLogContains("the calls run on the Jenkins controller", b);
        assertThat(agent.getWorkspaceFor(p).child(JAR).exists()).isTrue();
    }

    @Test
    void folderCredentialsServeJobsInThatFolderOnly(JenkinsRule r) throws Exception {
        Folder folder = r.createProject(Folder.class, "team");
        folderStore(folder)
                .addCredentials(
                        Domain.global(),
                        new StringCredentialsImpl(
                                CredentialsScope.GLOBAL, "team-token", "team", Secret.fromString(emulator.token())));
        String script = "node { databricksDeploy(workspaceUrl: '" + emulator.url()
                + "', credentialsId: 'team-token', jar: 'target/app.jar', clusters: 'analytics') }";
        WorkflowJob inside = folder.createProject(WorkflowJob.class, "deploy");
        writeJar(r.jenkins.getWorkspaceFor(inside), "v1");
        inside.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowJob outside = r.createProject(WorkflowJob.class, "outside");
        writeJar(r.jenkins.getWorkspaceFor(outside), "v1");
        outside.setDefinition(new CpsFlowDefinition(script, true));

        r.buildAndAssertSuccess(inside);
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, outside);

        assertThat(onlyLibrary().status(CLUSTER_ID)).isEqualTo(LibraryClusterStatus.ATTACHED);
        r.assertLogContains("No credentials with the id \"team-token\"", refused);
    }

    private static CredentialsStore folderStore(Folder folder) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(folder)) {
            if (store.getContext() == folder) {
                return store;
            }
        }
        throw new AssertionError("no credentials store in folder " + folder.getFullName());
    }

    private EmulatedLibrary onlyLibrary() {
        List<EmulatedLibrary> libraries = emulator.libraries();
        assertThat(libraries).hasSize(1);
        return libraries.get(0);
    }
}
