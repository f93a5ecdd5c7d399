package io.jenkins.plugins.databricks;

import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.CLUSTER_NAME;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.JAR;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.TOKEN_ID;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.WORKSPACE;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.addCredentials;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.addToken;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.emulatorWithCluster;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.setUpWorkspace;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.writeJar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsParameterDefinition;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.FilePath;
import hudson.Functions;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The security review's findings (issue 13), each against a running Jenkins: credentials in the build's context
 * (System scope refused, folder restriction), no expansion of credential ids, symlinks, redaction of what is stored
 * and shown, and the permission idioms of the form endpoints.
 */
@WithJenkins
class SecurityJenkinsTest {

    private static final String DEPLOY = "node { databricksDeploy(workspace: '" + WORKSPACE + "', jar: '" + JAR
            + "', clusters: '" + CLUSTER_NAME + "') }";

    private DatabricksEmulator emulator;

    @TempDir
    Path tmp;

    @BeforeEach
    void startEmulator() {
        emulator = emulatorWithCluster();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void systemScopedWorkspaceCredentialsFailTheBuildAndAreNotOffered(JenkinsRule r) throws Exception {
        addCredentials(new StringCredentialsImpl(
                CredentialsScope.SYSTEM, "system-token", "for Jenkins itself", Secret.fromString(emulator.token())));
        DatabricksGlobalConfiguration.get()
                .setWorkspaces(List.of(new DatabricksWorkspace(WORKSPACE, emulator.url(), "system-token")));
        WorkflowJob p = pipeline(r, "p", DEPLOY);

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("The credentials \"system-token\" of the Databricks workspace prod exist but this job", b);
        r.assertLogContains("Global scope", b);
        assertThat(emulator.journal().entries())
                .as("the System credential never left Jenkins")
                .isEmpty();

        DatabricksWorkspace.DescriptorImpl workspace =
                r.jenkins.getDescriptorByType(DatabricksWorkspace.DescriptorImpl.class);
        addToken(emulator);
        assertThat(values(workspace.doFillCredentialsIdItems(emulator.url(), null)))
                .contains(TOKEN_ID)
                .doesNotContain("system-token");
        FormValidation check = workspace.doCheckCredentialsId(emulator.url(), null, "system-token");
        assertThat(check.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(check.getMessage()).contains("System-scoped");
        assertThat(workspace.doTestConnection(emulator.url(), "system-token", null, null, null, null, null, null).kind)
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(emulator.journal().entries()).isEmpty();
    }

    @Test
    void aWorkspaceRestrictedToFoldersServesOnlyTheirJobs(JenkinsRule r) throws Exception {
        addToken(emulator);
        DatabricksWorkspace restricted = new DatabricksWorkspace(WORKSPACE, emulator.url(), TOKEN_ID);
        restricted.setAllowedFolders("team\n");
        DatabricksGlobalConfiguration.get().setWorkspaces(List.of(restricted));
        Folder team = r.createProject(Folder.class, "team");
        WorkflowJob inside = team.createProject(WorkflowJob.class, "deploy");
        writeJar(r.jenkins.getWorkspaceFor(inside), "v1");
        inside.setDefinition(new CpsFlowDefinition(DEPLOY, true));
        WorkflowJob outside = pipeline(r, "outside", DEPLOY);

        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, outside);
        r.assertLogContains(
                "The Databricks workspace prod may only be used by jobs in the folders team; the job outside", refused);
        assertThat(emulator.journal().entries())
                .as("refused before the credentials were read")
                .isEmpty();
        assertThat(CredentialsProvider.getFingerprintOf(credentials())).isNull();

        r.buildAndAssertSuccess(inside);

        DeployConfiguration.DescriptorImpl step = formDescriptor(r);
        assertThat(values(step.doFillWorkspaceItems(outside, null))).doesNotContain(WORKSPACE);
        assertThat(values(step.doFillWorkspaceItems(inside, null))).contains(WORKSPACE);
        assertThat(step.doCheckWorkspace(outside, WORKSPACE, null).kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(step.doCheckWorkspace(inside, WORKSPACE, null).kind).isEqualTo(FormValidation.Kind.OK);
        DatabricksWorkspace.DescriptorImpl form =
                r.jenkins.getDescriptorByType(DatabricksWorkspace.DescriptorImpl.class);
        assertThat(form.doCheckAllowedFolders("team").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(form.doCheckAllowedFolders("team, outside").kind)
                .as("a job is not a folder")
                .isEqualTo(FormValidation.Kind.WARNING);
    }

    @Test
    void freestyleNeverExpandsTheCredentialsIdOrTheWorkspaceName(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        DeployConfiguration byVariable = new DeployConfiguration();
        byVariable.setWorkspaceUrl(emulator.url());
        byVariable.setCredentialsId("${CRED}");
        byVariable.setJar(JAR);
        byVariable.setClusters(CLUSTER_NAME);
        FreeStyleProject p = freestyle(r, "by-variable", byVariable);
        p.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("CRED", TOKEN_ID)));

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("No credentials with the id \"${CRED}\"", b);
        assertThat(emulator.journal().entries())
                .as("a string parameter picks no credential")
                .isEmpty();

        DeployConfiguration named = new DeployConfiguration();
        named.setWorkspace("${WS}");
        named.setJar(JAR);
        named.setClusters(CLUSTER_NAME);
        FreeStyleProject q = freestyle(r, "by-name", named);
        q.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("WS", WORKSPACE)));
        r.assertLogContains("No Databricks workspace is named \"${WS}\"", r.buildAndAssertStatus(Result.FAILURE, q));

        // A credentials parameter is what the expression is for; Jenkins resolves it by its own rules.
        FreeStyleProject s = freestyle(r, "by-parameter", byVariable);
        s.addProperty(new ParametersDefinitionProperty(new CredentialsParameterDefinition(
                "CRED", "the token", TOKEN_ID, StringCredentials.class.getName(), true)));
        r.buildAndAssertSuccess(s);
        assertThat(emulator.journal().paths()).contains("libraries/upload");
    }

    @Test
    void aJarThatIsASymbolicLinkIsRefused(JenkinsRule r) throws Exception {
        assumeFalse(Functions.isWindows(), "creating symbolic links needs a privilege on Windows");
        setUpWorkspace(emulator);
        Path elsewhere = Files.write(tmp.resolve("secret.jar"), DeployFixturesJenkinsTest.jarBytes("not yours"));
        WorkflowJob p = r.createProject(WorkflowJob.class, "linked");
        FilePath workspace = r.jenkins.getWorkspaceFor(p);
        workspace.child("target").mkdirs();
        Files.createSymbolicLink(Path.of(workspace.child(JAR).getRemote()), elsewhere);
        p.setDefinition(new CpsFlowDefinition(DEPLOY, true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("target/app.jar is a symbolic link", b);
        assertThat(emulator.journal().paths()).doesNotContain("libraries/upload");
    }

    @Test
    void smokeOutputThatPrintsTheTokenIsRedactedInTheLogTheBuildPageAndBuildXml(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        String token = emulator.token();
        WorkflowJob p = r.createProject(WorkflowJob.class, "leaky");
        FilePath workspace = r.jenkins.getWorkspaceFor(p);
        writeJar(workspace, "v1");
        // The command lives in a workspace file, so the token is in neither the script nor the job's config.
        workspace.child("smoke.scala").write("// emulator: print=leaked " + token + "\n", "UTF-8");
        p.setDefinition(new CpsFlowDefinition(
                "node { def r = databricksDeploy(workspace: '" + WORKSPACE + "', jar: '"
                        + JAR + "', clusters: '" + CLUSTER_NAME + "', smokeCommandFile: 'smoke.scala')\n"
                        + "echo \"smoke=${r.smokeOutput}\" }",
                true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("smoke=leaked ****", b);
        r.assertLogNotContains(token, b);
        DeploymentAction action = b.getAction(DeploymentAction.class);
        assertThat(action.getReport().smoke())
                .singleElement()
                .satisfies(s -> assertThat(s.output()).isEqualTo("leaked ****"));
        String buildXml = Files.readString(b.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8);
        assertThat(buildXml).contains("leaked ****").doesNotContain(token);
        String page = r.createWebClient().getPage(b).getWebResponse().getContentAsString();
        assertThat(page).doesNotContain(token);
    }

    @Test
    void jobFormsFollowTheConsumerGuidesPermissions(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        FreeStyleProject p = r.createFreeStyleProject("job");
        boolean extendedRead = Item.EXTENDED_READ.getEnabled();
        boolean useItem = CredentialsProvider.USE_ITEM.getEnabled();
        Item.EXTENDED_READ.setEnabled(true);
        CredentialsProvider.USE_ITEM.setEnabled(true);
        try {
            r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
            r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.READ, Item.READ)
                    .everywhere()
                    .to("reader", "extended", "user")
                    .grant(Item.EXTENDED_READ)
                    .everywhere()
                    .to("extended")
                    .grant(CredentialsProvider.USE_ITEM)
                    .everywhere()
                    .to("user"));
            DeployConfiguration.DescriptorImpl step = formDescriptor(r);
            String url = emulator.url();
            try (ACLContext ignored = ACL.as(User.getById("reader", true))) {
                assertThat(values(step.doFillCredentialsIdItems(p, url, null))).doesNotContain(TOKEN_ID);
                assertThat(values(step.doFillIdTokenCredentialsIdItems(p, url, null)))
                        .doesNotContain(TOKEN_ID);
                assertThat(step.doCheckIdTokenCredentialsId(p, null, url, "no-such-id").kind)
                        .isEqualTo(FormValidation.Kind.OK);
                assertThat(values(step.doFillWorkspaceItems(p, null))).doesNotContain(WORKSPACE);
                assertThat(step.doCheckCredentialsId(p, url, null, "no-such-id").kind)
                        .isEqualTo(FormValidation.Kind.OK);
            }
            for (String allowed : List.of("extended", "user")) {
                try (ACLContext ignored = ACL.as(User.getById(allowed, true))) {
                    assertThat(values(step.doFillCredentialsIdItems(p, url, null)))
                            .as(allowed)
                            .contains(TOKEN_ID);
                    assertThat(values(step.doFillIdTokenCredentialsIdItems(p, url, null)))
                            .as(allowed + ": Secret text can hold an id token")
                            .contains(TOKEN_ID);
                    assertThat(step.doCheckIdTokenCredentialsId(p, null, url, "no-such-id").kind)
                            .as(allowed)
                            .isEqualTo(FormValidation.Kind.ERROR);
                    assertThat(step.doCheckCredentialsId(p, url, null, "no-such-id").kind)
                            .as(allowed)
                            .isEqualTo(FormValidation.Kind.ERROR);
                    assertThat(step.doCheckCredentialsId(p, url, null, TOKEN_ID).kind)
                            .isEqualTo(FormValidation.Kind.OK);
                    assertThat(step.doCheckCredentialsId(p, url, null, "${CRED}").kind)
                            .isEqualTo(FormValidation.Kind.WARNING);
                }
            }
        } finally {
            Item.EXTENDED_READ.setEnabled(extendedRead);
            CredentialsProvider.USE_ITEM.setEnabled(useItem);
        }
    }

    @Test
    void fillEndpointsAnswerPostOnly(JenkinsRule r) throws Exception {
        String fill = "descriptorByName/" + DeployConfiguration.class.getName() + "/fillRestartItems";
        JenkinsRule.WebClient web = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        Page get = web.getPage(new WebRequest(URI.create(r.getURL() + fill).toURL(), HttpMethod.GET));
        assertThat(get.getWebResponse().getStatusCode()).isNotEqualTo(200);
        Page post = web.getPage(
                web.addCrumb(new WebRequest(URI.create(r.getURL() + fill).toURL(), HttpMethod.POST)));
        assertThat(post.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(post.getWebResponse().getContentAsString()).contains("IF_RUNNING");
    }

    private WorkflowJob pipeline(JenkinsRule r, String name, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private static FreeStyleProject freestyle(JenkinsRule r, String name, DeployConfiguration deploy) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject(name);
        writeJar(r.jenkins.getWorkspaceFor(p), "v1");
        p.getBuildersList().add(new DatabricksDeployBuilder(deploy));
        return p;
    }

    private static StringCredentials credentials() {
        return CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class, Jenkins.get(), ACL.SYSTEM2)
                .stream()
                .filter(c -> c.getId().equals(TOKEN_ID))
                .findFirst()
                .orElseThrow();
    }

    private static DeployConfiguration.DescriptorImpl formDescriptor(JenkinsRule r) {
        return r.jenkins.getDescriptorByType(DeployConfiguration.DescriptorImpl.class);
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }
}
