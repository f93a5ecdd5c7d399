package io.jenkins.plugins.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.api.AuthFromCredential;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.DeployField;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fields of the REST 2.x choice and of workload identity federation, from the front ends' values to the engine's
 * spec: which API a request means, the configured workspace's defaults, and the connection problems that name the
 * field to fix. Jenkins-free.
 */
class BackendAndFederationRequestTest {

    private static final String VOLUME = "/Volumes/main/default/libs/jars";
    private static final String URL = "https://adb-1.azuredatabricks.net";

    /** A request to cluster "etl" with the fields these tests vary. */
    private static DeployRequest request(
            String workspace,
            String workspaceUrl,
            String credentialsId,
            String folder,
            String api,
            String idTokenCredentialsId,
            String clientId) {
        return new DeployRequest(
                workspace,
                workspaceUrl,
                credentialsId,
                "target/*.jar",
                null,
                folder,
                null,
                false,
                "etl",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                true,
                false,
                api,
                idTokenCredentialsId,
                clientId);
    }

    private static DeploySpec spec(DeployRequest request) {
        return request.toSpec(URL, WorkspaceAuth.bearer("dapi-x"), "7").build();
    }

    @Test
    void aVolumeFolderMeansRest2AndAnyOtherFolderRest12() {
        assertThat(spec(request("prod", null, null, VOLUME, null, null, null)).api())
                .isEqualTo(DatabricksApi.REST_2);
        assertThat(spec(request("prod", null, null, "/Shared/libs", null, null, null))
                        .api())
                .isEqualTo(DatabricksApi.REST_1_2);
        assertThat(spec(request("prod", null, null, null, "auto", null, null)).api())
                .as("no folder: the engine's default folder, a workspace folder")
                .isEqualTo(DatabricksApi.REST_1_2);
    }

    @Test
    void aForcedApiReachesTheSpec() {
        DeploySpec forced = spec(request("prod", null, null, VOLUME, "2.x", null, null));
        assertThat(forced.apiChoice()).isEqualTo(DatabricksApi.REST_2);
        assertThat(forced.api()).isEqualTo(DatabricksApi.REST_2);
    }

    @Test
    void anUnknownApiIsRefusedByName() {
        List<String> problems =
                request("prod", null, null, VOLUME, "3.0", null, null).problemsWith("api");
        assertThat(problems)
                .singleElement()
                .asString()
                .contains("'3.0'")
                .contains("auto")
                .contains("2.x");
        assertThat(DeployRequest.parameterName(DeployField.API)).isEqualTo("api");
    }

    @Test
    void theWorkspacesFolderAndApiApplyWhenTheJobGivesNone() {
        DeployRequest bare = request("prod", null, null, null, null, null, null);
        DeployRequest filled = bare.withWorkspaceDefaults(VOLUME, "2.x");
        assertThat(filled.folder()).isEqualTo(VOLUME);
        assertThat(filled.api()).isEqualTo("2.x");
        assertThat(spec(filled).api()).isEqualTo(DatabricksApi.REST_2);
        assertThat(spec(filled).folder()).startsWith(VOLUME);

        DeployRequest own = request("prod", null, null, "/Shared/mine", "1.2", null, null);
        DeployRequest kept = own.withWorkspaceDefaults(VOLUME, "2.x");
        assertThat(kept.folder()).as("the job's folder wins").isEqualTo("/Shared/mine");
        assertThat(kept.api()).as("the job's API wins").isEqualTo("1.2");

        assertThat(bare.withWorkspaceDefaults(null, null).folder())
                .as("neither: the engine's default")
                .isNull();
    }

    @Test
    void federationWithAUrlNeedsNoCredentialsId() {
        assertThat(request(null, URL, null, VOLUME, null, "jenkins-oidc", "6a9c-sp")
                        .connectionProblem())
                .isNull();
        assertThat(request(null, URL, null, VOLUME, null, "jenkins-oidc", null).connectionProblem())
                .as("an account-wide policy needs no client id")
                .isNull();
    }

    @Test
    void connectionProblemsNameTheFieldsToFix() {
        assertThat(request(null, URL, "dbx", VOLUME, null, "jenkins-oidc", null).connectionProblem())
                .contains("credentialsId")
                .contains("idTokenCredentialsId")
                .contains("not both");
        assertThat(request("prod", null, null, VOLUME, null, "jenkins-oidc", null)
                        .connectionProblem())
                .contains("idTokenCredentialsId")
                .contains("workspaceUrl");
        assertThat(request(null, URL, "dbx", VOLUME, null, null, "6a9c-sp").connectionProblem())
                .contains("clientId")
                .contains("idTokenCredentialsId");
        assertThat(request(null, URL, null, VOLUME, null, null, null).connectionProblem())
                .contains("credentialsId")
                .contains("idTokenCredentialsId");
    }

    @Test
    void freestyleExpansionLeavesCredentialsAndTheServicePrincipalAlone() {
        DeployRequest expanded = request(null, URL, null, "${FOLDER}", "${API}", "${OIDC}", "${SP}")
                .expand(s -> s.replace("${FOLDER}", VOLUME)
                        .replace("${API}", "2.x")
                        .replace("${OIDC}", "other")
                        .replace("${SP}", "other"));
        assertThat(expanded.folder()).isEqualTo(VOLUME);
        assertThat(expanded.api()).isEqualTo("2.x");
        assertThat(expanded.idTokenCredentialsId()).isEqualTo("${OIDC}");
        assertThat(expanded.clientId()).isEqualTo("${SP}");
    }

    @Test
    void aServicePrincipalsSecretNeverLeavesTheRedactingBoundary() {
        WorkspaceAuth auth =
                WorkspaceAuth.of(AuthFromCredential.servicePrincipal("6a9c-sp", "dose-secret-1234", null, null));
        RedactingOutput output = RedactingOutput.of(auth);

        assertThat(output.text("client_secret=dose-secret-1234 and dose-secret-1234"))
                .doesNotContain("dose-secret-1234")
                .contains("****");
    }
}
