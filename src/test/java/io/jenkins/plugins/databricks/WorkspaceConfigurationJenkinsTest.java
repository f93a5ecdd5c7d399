package io.jenkins.plugins.databricks;

import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.TOKEN_ID;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.WORKSPACE;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.emulatorWithCluster;
import static io.jenkins.plugins.databricks.DeployFixturesJenkinsTest.setUpWorkspace;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.DomNodeList;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Manage Jenkins → System → Databricks: the form round trip, Test Connection, and who may see and call what. */
@WithJenkins
class WorkspaceConfigurationJenkinsTest {

    private static final String TEST_CONNECTION =
            "descriptorByName/io.jenkins.plugins.databricks.DatabricksWorkspace/testConnection";

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
    void globalConfigurationSurvivesTheForm(JenkinsRule r) throws Exception {
        DeployFixturesJenkinsTest.addToken(emulator);
        DatabricksWorkspace prod = new DatabricksWorkspace(WORKSPACE, emulator.url(), TOKEN_ID);
        prod.setConnectTimeoutSeconds(10);
        prod.setReadTimeoutSeconds(30);
        DatabricksWorkspace staging = new DatabricksWorkspace("staging", "https://staging.example.com", TOKEN_ID);
        DatabricksGlobalConfiguration.get().setWorkspaces(List.of(prod, staging));

        r.configRoundtrip();

        List<DatabricksWorkspace> after = DatabricksGlobalConfiguration.get().getWorkspaces();
        r.assertEqualDataBoundBeans(List.of(prod, staging), after);
        assertThat(after.get(0).getConnectTimeoutSeconds()).isEqualTo(10);
        assertThat(after.get(0).getReadTimeoutSeconds()).isEqualTo(30);
    }

    @Test
    void eachWorkspaceHasAHeaderAndItsOwnDeleteButtonAndDeletingTheLastOneSaves(JenkinsRule r) throws Exception {
        DeployFixturesJenkinsTest.addToken(emulator);
        DatabricksGlobalConfiguration.get()
                .setWorkspaces(List.of(new DatabricksWorkspace(WORKSPACE, emulator.url(), TOKEN_ID)));
        HtmlPage page = r.createWebClient().goTo("manage/configure");

        DomNodeList<DomNode> deleteButtons = page.querySelectorAll(".repeated-chunk button.repeatable-delete");
        assertThat(deleteButtons).as("one delete button, inside the one entry").hasSize(1);
        assertThat(page.querySelector(".repeated-chunk .repeated-chunk__header").getTextContent())
                .contains("Databricks workspace");

        ((HtmlElement) deleteButtons.get(0)).click();
        r.submit(page.getFormByName("config"));

        assertThat(DatabricksGlobalConfiguration.get().getWorkspaces()).isEmpty();
    }

    @Test
    void testConnectionWithGoodCredentialsSaysWhatItReached(JenkinsRule r) throws Exception {
        DeployFixturesJenkinsTest.addToken(emulator);

        FormValidation result =
                workspaceDescriptor(r).doTestConnection(emulator.url(), TOKEN_ID, "", "", "", "", "", null);

        assertThat(result.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(result.getMessage())
                .contains("the credentials work and 1 clusters are visible")
                .contains("Authenticated with personal access token as "
                        + emulator.settings().defaultUserName())
                .contains("REST 1.2 workspace libraries: answers")
                .contains("REST 2.x libraries (Libraries 2.0): answers")
                .contains("Files API: not checked")
                .contains("Command execution");
        assertThat(emulator.journal().paths())
                .as("read-only calls only")
                .containsExactly(
                        "/api/2.1/clusters/list",
                        "/api/2.0/preview/scim/v2/Me",
                        "libraries/list",
                        "/api/2.0/libraries/all-cluster-statuses",
                        "clusters/list");
        assertThat(emulator.journal().mutations()).isEmpty();
    }

    @Test
    void testConnectionChecksTheDefaultVolumeFolderThroughTheFilesApi(JenkinsRule r) throws Exception {
        DeployFixturesJenkinsTest.addToken(emulator);
        emulator.addVolume("main", "default", "libs");
        emulator.catalogDirectory("/Volumes/main/default/libs/jars");

        FormValidation found = workspaceDescriptor(r)
                .doTestConnection(emulator.url(), TOKEN_ID, "", "", "", "", "/Volumes/main/default/libs/jars", null);
        FormValidation missing = workspaceDescriptor(r)
                .doTestConnection(emulator.url(), TOKEN_ID, "", "", "", "", "/Volumes/main/default/libs/nowhere", null);

        assertThat(found.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(found.getMessage())
                .contains("Files API (Unity Catalog volume /Volumes/main/default/libs/jars): answers");
        assertThat(missing.kind).as("a 2.x workspace whose folder is missing").isEqualTo(FormValidation.Kind.WARNING);
        assertThat(missing.getMessage()).contains("the folder does not exist");
    }

    @Test
    void testConnectionWithBadCredentialsSaysDatabricksRefused(JenkinsRule r) throws Exception {
        DeployFixturesJenkinsTest.addCredentials(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "stale-token", "revoked", Secret.fromString("dapi-not-valid")));

        FormValidation result =
                workspaceDescriptor(r).doTestConnection(emulator.url(), "stale-token", "", "", "", "", "", null);

        assertThat(result.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(result.getMessage()).contains("Databricks refused").doesNotContain("dapi-not-valid");
    }

    @Test
    void testConnectionWithUnknownCredentialsNamesTheId(JenkinsRule r) throws Exception {
        FormValidation result =
                workspaceDescriptor(r).doTestConnection(emulator.url(), "nobody", "", "", "", "", "", null);

        assertThat(result.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(result.getMessage()).contains("nobody");
        assertThat(emulator.journal().size()).isZero();
    }

    @Test
    void testConnectionNeedsPostAndAdminister(JenkinsRule r) throws Exception {
        DeployFixturesJenkinsTest.addToken(emulator);
        secure(r);
        String query =
                "?url=" + URLEncoder.encode(emulator.url(), StandardCharsets.UTF_8) + "&credentialsId=" + TOKEN_ID;

        JenkinsRule.WebClient admin = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        admin.login("admin");
        Page viaGet = admin.getPage(request(r, query, HttpMethod.GET));
        assertThat(viaGet.getWebResponse().getStatusCode()).isIn(404, 405);
        assertThat(emulator.journal().size()).isZero();

        JenkinsRule.WebClient reader = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        reader.login("reader");
        Page asReader = reader.getPage(request(r, query, HttpMethod.POST));
        assertThat(asReader.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(emulator.journal().size()).isZero();

        Page asAdmin = admin.getPage(request(r, query, HttpMethod.POST));
        assertThat(asAdmin.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(asAdmin.getWebResponse().getContentAsString()).contains("the credentials work");
        assertThat(emulator.journal().paths()).contains("/api/2.1/clusters/list");
    }

    @Test
    void dropdownsListNothingToUsersWhoMayNotConfigure(JenkinsRule r) throws Exception {
        setUpWorkspace(emulator);
        FreeStyleProject p = r.createFreeStyleProject("job");
        secure(r);
        DeployConfiguration.DescriptorImpl step =
                r.jenkins.getDescriptorByType(DeployConfiguration.DescriptorImpl.class);
        DatabricksWorkspace.DescriptorImpl workspace = workspaceDescriptor(r);

        try (ACLContext ignored = ACL.as(User.getById("reader", true))) {
            assertThat(values(step.doFillWorkspaceItems(p, null))).doesNotContain(WORKSPACE);
            assertThat(values(step.doFillCredentialsIdItems(p, emulator.url(), null)))
                    .doesNotContain(TOKEN_ID);
            assertThat(values(workspace.doFillCredentialsIdItems(emulator.url(), null)))
                    .doesNotContain(TOKEN_ID);
        }
        try (ACLContext ignored = ACL.as(User.getById("admin", true))) {
            assertThat(values(step.doFillWorkspaceItems(p, null))).contains(WORKSPACE);
            // a saved name no workspace has any more stays selectable, so saving the form does not drop it
            assertThat(values(step.doFillWorkspaceItems(p, "removed"))).contains(WORKSPACE, "removed");
            assertThat(values(step.doFillWorkspaceItems(p, WORKSPACE)))
                    .filteredOn(WORKSPACE::equals)
                    .hasSize(1);
            assertThat(values(step.doFillCredentialsIdItems(p, emulator.url(), null)))
                    .contains(TOKEN_ID);
            assertThat(values(workspace.doFillCredentialsIdItems(emulator.url(), null)))
                    .contains(TOKEN_ID);
        }
    }

    private static void secure(JenkinsRule r) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
        // the requests below are built by hand; the permission check, not the crumb, is under test
        r.jenkins.setCrumbIssuer(null);
    }

    private static WebRequest request(JenkinsRule r, String query, HttpMethod method) throws Exception {
        return new WebRequest(URI.create(r.getURL() + TEST_CONNECTION + query).toURL(), method);
    }

    private static DatabricksWorkspace.DescriptorImpl workspaceDescriptor(JenkinsRule r) {
        return r.jenkins.getDescriptorByType(DatabricksWorkspace.DescriptorImpl.class);
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }
}
