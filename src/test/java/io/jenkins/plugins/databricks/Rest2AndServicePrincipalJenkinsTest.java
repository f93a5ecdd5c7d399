package io.jenkins.plugins.databricks;

import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.CLUSTER_ID;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.TOKEN_ID;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.WORKSPACE;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.addCredentials;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.addToken;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.emulatorWithCluster;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.writeJar;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedOAuth;
import io.jenkins.plugins.databricks.emulator.OidcIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The front ends on REST 2.x and with the service principal methods, against the emulator: a volume folder from the
 * configured workspace, the step's result and variables, the build page's action, a forced API that does not fit,
 * OAuth M2M with the "Databricks service principal" credential, and workload identity federation with a Secret text
 * id token resolved in the build.
 */
@WithJenkins
class Rest2AndServicePrincipalJenkinsTest {

    private static final String VOLUME = "/Volumes/main/default/libs/jars";
    private static final String SP = "6a9c8f0e-5d1b-4e6a-9b2f-3c4d5e6f7a8b";
    private static final String SP_SECRET = "doseJenkinsSecret-0123456789abcdef";
    private static final String SP_ID = "databricks-sp";
    private static final String ID_TOKEN_ID = "jenkins-oidc";
    private static final String DEPLOY = """
            node {
              def r = databricksDeploy(workspace: 'prod', jar: 'target/app.jar', clusters: 'analytics')
              echo "api=${r.api} path=${r.libraryPath} outcome=${r.outcome}"
              echo "env=${env.DATABRICKS_API} ${env.DATABRICKS_LIBRARY_PATH}"
            }
            """;

    private DatabricksEmulator emulator;

    @BeforeEach
    void startEmulator() {
        emulator = emulatorWithCluster();
        emulator.addVolume("main", "default", "libs");
        emulator.catalogDirectory(VOLUME);
        emulator.allowlists().jarPrefixes(VOLUME + "/");
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    /** The workspace {@code prod} at the emulator, deploying to {@link #VOLUME} unless a job says otherwise. */
    private DatabricksWorkspace workspace(String credentialsId) {
        DatabricksWorkspace prod = new DatabricksWorkspace(WORKSPACE, emulator.url(), credentialsId);
        prod.setFolder(VOLUME);
        DatabricksGlobalConfiguration.get().setWorkspaces(List.of(prod));
        return prod;
    }

    private WorkflowRun deploy(JenkinsRule r, String name) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.setDefinition(new CpsFlowDefinition(DEPLOY, true));
        return r.buildAndAssertSuccess(p);
    }

    @Test
    void aPipelineDeploysThroughRest2IntoTheWorkspacesDefaultVolumeFolder(JenkinsRule r) throws Exception {
        addToken(emulator);
        workspace(TOKEN_ID);

        WorkflowRun b = deploy(r, "rest2");

        r.assertLogContains("over REST 2.x, connecting directly, authenticating with personal access token", b);
        r.assertLogContains("api=2.x path=" + VOLUME + "/", b);
        r.assertLogContains("outcome=DEPLOYED", b);
        r.assertLogContains("env=2.x " + VOLUME + "/", b);
        assertThat(emulator.journal().paths())
                .contains("/api/2.0/libraries/install")
                .anyMatch(path -> path.startsWith("/api/2.0/fs/files" + VOLUME + "/"))
                .doesNotContain("libraries/upload", "libraries/attach");
        DeploymentAction action = b.getAction(DeploymentAction.class);
        assertThat(action.getApi()).isEqualTo(DatabricksApi.REST_2);
        assertThat(action.getLibraryPath()).startsWith(VOLUME + "/").endsWith(".jar");
        assertThat(action.getReport().clusters())
                .singleElement()
                .satisfies(c -> assertThat(c.id()).isEqualTo(CLUSTER_ID));
    }

    @Test
    void aForcedRest2WithAWorkspaceFolderIsRefusedBeforeAnythingChanges(JenkinsRule r) throws Exception {
        addToken(emulator);
        workspace(TOKEN_ID);
        FreeStyleProject p = r.createFreeStyleProject("forced");
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        DeployConfiguration deploy = new DeployConfiguration();
        deploy.setWorkspace(WORKSPACE);
        deploy.setJar("target/app.jar");
        deploy.setClusters("analytics");
        deploy.setFolder("/Shared/jenkins");
        deploy.setApi("2.x");
        p.getBuildersList().add(new DatabricksDeployBuilder(deploy));

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("is not in a Unity Catalog volume", b);
        assertThat(emulator.journal().mutations()).isEmpty();
    }

    @Test
    void aServicePrincipalCredentialDeploysWithOAuthAndKeepsItsSecretOutOfTheLog(JenkinsRule r) throws Exception {
        emulator.oauth().servicePrincipal(SP, SP_SECRET);
        DatabricksServicePrincipalCredentials credential = new DatabricksServicePrincipalCredentials(
                CredentialsScope.GLOBAL, SP_ID, "prod deployer", SP, Secret.fromString(SP_SECRET), null);
        addCredentials(credential);
        workspace(SP_ID);

        WorkflowRun b = deploy(r, "service-principal");

        r.assertLogContains("authenticating with OAuth M2M as service principal " + SP, b);
        r.assertLogContains("outcome=DEPLOYED", b);
        r.assertLogNotContains(SP_SECRET, b);
        for (String token : emulator.oauth().liveTokens()) {
            r.assertLogNotContains(token, b);
        }
        assertThat(emulator.oauth().tokenRequests("client_credentials")).isPositive();
        assertThat(CredentialsProvider.getFingerprintOf(credential))
                .as("the build's use is recorded")
                .isNotNull();
    }

    @Test
    void testConnectionSaysWhichMethodAuthenticatedAsWhomAndWhatAnswers(JenkinsRule r) throws Exception {
        emulator.oauth().servicePrincipal(SP, SP_SECRET);
        addCredentials(new DatabricksServicePrincipalCredentials(
                CredentialsScope.GLOBAL, SP_ID, "prod deployer", SP, Secret.fromString(SP_SECRET), null));

        FormValidation result = r.jenkins
                .getDescriptorByType(DatabricksWorkspace.DescriptorImpl.class)
                .doTestConnection(emulator.url(), SP_ID, "", "", "", "", VOLUME, null);

        assertThat(result.kind).as(result.getMessage()).isEqualTo(FormValidation.Kind.OK);
        assertThat(result.getMessage())
                .contains("Authenticated with OAuth M2M as service principal " + SP + " as " + SP)
                .contains("REST 2.x libraries (Libraries 2.0): answers")
                .contains("Files API (Unity Catalog volume " + VOLUME + "): answers")
                .doesNotContain(SP_SECRET);
        assertThat(emulator.journal().mutations()).isEmpty();
    }

    @Test
    void theServicePrincipalTypeIsOfferedBesideSecretTextAndUsernamePassword(JenkinsRule r) throws Exception {
        addToken(emulator);
        addCredentials(new DatabricksServicePrincipalCredentials(
                CredentialsScope.GLOBAL, SP_ID, "prod deployer", SP, Secret.fromString(SP_SECRET), null));
        addCredentials(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, ID_TOKEN_ID, "OIDC", Secret.fromString("not-a-real-jwt")));

        DatabricksWorkspace.DescriptorImpl form =
                r.jenkins.getDescriptorByType(DatabricksWorkspace.DescriptorImpl.class);

        assertThat(form.doFillCredentialsIdItems(emulator.url(), null))
                .extracting(option -> option.value)
                .contains(TOKEN_ID, SP_ID);
        assertThat(form.doFillIdTokenCredentialsIdItems(emulator.url(), null))
                .extracting(option -> option.value)
                .as("an id token is Secret text: no service principal here")
                .contains(ID_TOKEN_ID)
                .doesNotContain(SP_ID);
        assertThat(form.doCheckCredentialsId(emulator.url(), null, SP_ID).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(form.doCheckIdTokenCredentialsId(emulator.url(), SP_ID).kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(form.doCheckCredentialsId(emulator.url(), ID_TOKEN_ID, TOKEN_ID).kind)
                .as("two ways to authenticate")
                .isEqualTo(FormValidation.Kind.ERROR);
    }

    @Test
    void workloadIdentityFederationExchangesTheBuildsIdToken(JenkinsRule r) throws Exception {
        OidcIssuer jenkins = new OidcIssuer(r.getURL() + "oidc", "jenkins-key");
        WorkflowJob p = r.createProject(WorkflowJob.class, "federated");
        String subject = p.getAbsoluteUrl();
        emulator.oauth()
                .federationPolicy(new EmulatedOAuth.FederationPolicy(
                        SP, jenkins.issuer(), "databricks", subject, jenkins.jwks()));
        String idToken = jenkins.idToken("databricks", subject, Instant.now(), Duration.ofHours(1));
        addCredentials(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, ID_TOKEN_ID, "Jenkins id token", Secret.fromString(idToken)));
        DatabricksWorkspace prod = workspace(null);
        prod.setIdTokenCredentialsId(ID_TOKEN_ID);
        prod.setClientId(SP);
        DatabricksGlobalConfiguration.get().setWorkspaces(List.of(prod));
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.setDefinition(new CpsFlowDefinition(DEPLOY, true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("outcome=DEPLOYED", b);
        r.assertLogNotContains(idToken, b);
        assertThat(emulator.oauth().tokenRequests("urn:ietf:params:oauth:grant-type:token-exchange"))
                .isPositive();
        for (String token : emulator.oauth().liveTokens()) {
            r.assertLogNotContains(token, b);
        }
    }

    @Test
    void aStepSetsUpFederationItselfWithItsOwnWorkspaceUrl(JenkinsRule r) throws Exception {
        OidcIssuer jenkins = new OidcIssuer(r.getURL() + "oidc", "jenkins-key");
        WorkflowJob p = r.createProject(WorkflowJob.class, "federated-step");
        String subject = p.getAbsoluteUrl();
        emulator.oauth()
                .federationPolicy(new EmulatedOAuth.FederationPolicy(
                        SP, jenkins.issuer(), "databricks", subject, jenkins.jwks()));
        addCredentials(new StringCredentialsImpl(
                CredentialsScope.GLOBAL,
                ID_TOKEN_ID,
                "Jenkins id token",
                Secret.fromString(jenkins.idToken("databricks", subject, Instant.now(), Duration.ofHours(1)))));
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  def r = databricksDeploy(workspaceUrl: '" + emulator.url() + "', idTokenCredentialsId: '"
                        + ID_TOKEN_ID + "', clientId: '" + SP + "', folder: '" + VOLUME + "',"
                        + " jar: 'target/app.jar', clusters: 'analytics')\n"
                        + "  echo \"api=${r.api} outcome=${r.outcome}\"\n"
                        + "}\n",
                true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("api=2.x outcome=DEPLOYED", b);
        assertThat(emulator.oauth().tokenRequests("urn:ietf:params:oauth:grant-type:token-exchange"))
                .isPositive();
    }
}
