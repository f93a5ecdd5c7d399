package io.jenkins.plugins.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What later steps see of a deploy, and the other Jenkins-free pieces of the front ends. */
class DeployResultTest {

    private static DeployReport report() {
        return new DeployReport(
                DeployReport.Outcome.DEPLOYED,
                "https://x.cloud.databricks.com",
                new DeployReport.LibraryReport(
                        "lib-2", "app-abc.jar", "/Shared/jenkins", "abc123", 10, "target/app.jar", false),
                List.of(
                        new DeployReport.ClusterReport("c-1", "etl", "RUNNING", "INSTALLED", true, null),
                        new DeployReport.ClusterReport("c-2", "bi", "TERMINATED", "PENDING", false, "next start")),
                List.of("lib-1"),
                List.of("lib-1"),
                List.of(),
                List.of("c-1"),
                List.of(new DeployReport.SmokeReport("c-1", "PASSED", "text", "1.4.2", 1200, null)),
                Map.of("upload", 300L),
                List.of(),
                null);
    }

    @Test
    @SuppressWarnings("unchecked") // the map holds plain maps, as a Pipeline script sees them
    void theStepReturnsLibraryClustersOldIdsSmokeOutputAndHash() {
        Map<String, Object> map = DeployResult.toMap("prod", DatabricksApi.REST_1_2, report());

        assertThat(map)
                .containsEntry("outcome", "DEPLOYED")
                .containsEntry("workspace", "prod")
                .containsEntry("libraryId", "lib-2")
                .containsEntry("libraryName", "app-abc.jar")
                .containsEntry("sha256", "abc123")
                .containsEntry("api", "1.2")
                .containsEntry("libraryPath", "/Shared/jenkins/app-abc.jar")
                .containsEntry("oldLibraryIds", List.of("lib-1"))
                .containsEntry("smokeOutput", "1.4.2");
        assertThat((List<?>) map.get("clusters")).hasSize(2);
        assertThat((Map<Object, Object>) ((List<?>) map.get("clusters")).get(0))
                .containsEntry("id", "c-1")
                .containsEntry("name", "etl")
                .containsEntry("state", "RUNNING")
                .containsEntry("libraryStatus", "INSTALLED")
                .containsEntry("restarted", true);
    }

    @Test
    void laterStepsSeeEnvironmentVariables() {
        assertThat(DeployResult.environment(report(), DatabricksApi.REST_1_2))
                .containsEntry("DATABRICKS_API", "1.2")
                .containsEntry("DATABRICKS_LIBRARY_PATH", "/Shared/jenkins/app-abc.jar")
                .containsEntry("DATABRICKS_LIBRARY_ID", "lib-2")
                .containsEntry("DATABRICKS_LIBRARY_NAME", "app-abc.jar")
                .containsEntry("DATABRICKS_LIBRARY_SHA256", "abc123")
                .containsEntry("DATABRICKS_DEPLOY_OUTCOME", "DEPLOYED")
                .containsEntry("DATABRICKS_CLUSTERS", "c-1,c-2")
                .containsEntry("DATABRICKS_OLD_LIBRARY_IDS", "lib-1");
    }

    @Test
    void onRest2TheLibraryPathIsTheVolumeFileAndBuildsRecordedBeforeHaveNoApi() {
        String volume = "/Volumes/main/default/libs/jars";
        DeployReport report = new DeployReport(
                DeployReport.Outcome.DEPLOYED,
                "https://x.cloud.databricks.com",
                new DeployReport.LibraryReport(
                        volume + "/app-7.jar", "app-7.jar", volume + "/", "abc123", 10, "target/app.jar", false),
                List.of(new DeployReport.ClusterReport("c-1", "etl", "RUNNING", "INSTALLED", true, null)),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                List.of(),
                null);

        assertThat(DeployResult.toMap("prod", DatabricksApi.REST_2, report))
                .containsEntry("api", "2.x")
                .containsEntry("libraryPath", volume + "/app-7.jar");
        assertThat(DeployResult.environment(report, DatabricksApi.REST_2))
                .containsEntry("DATABRICKS_API", "2.x")
                .containsEntry("DATABRICKS_LIBRARY_PATH", volume + "/app-7.jar");
        assertThat(DeployResult.environment(report, null)).doesNotContainKey("DATABRICKS_API");
    }

    @Test
    void aTokenIsBearerAndAUserIsBasic() {
        assertThat(Rest12Gateway.toClientAuth(WorkspaceAuth.bearer("dapi123")).scheme())
                .isEqualTo("Bearer");
        Auth basic = Rest12Gateway.toClientAuth(WorkspaceAuth.basic("token", "dapi123"));
        assertThat(basic.scheme()).isEqualTo("Basic");
        assertThat(basic.user()).isEqualTo("token");
        assertThat(basic.toString()).doesNotContain("dapi123");
    }

    @Test
    void agentPathsBecomeRelativeWithSlashes() {
        assertThat(FilePathJarLocator.relative("C:\\ws\\app", "C:\\ws\\app\\target\\app.jar"))
                .isEqualTo("target/app.jar");
        assertThat(FilePathJarLocator.relative("/var/ws/app", "/var/ws/app/target/app.jar"))
                .isEqualTo("target/app.jar");
    }

    @Test
    void jenkinsNoProxyPatternsAreMatchedWithoutCase() {
        List<Pattern> noProxy = List.of(Pattern.compile(".*\\.internal\\.example\\.com"), Pattern.compile("10\\..*"));
        assertThat(JenkinsProxy.bypassed("ADB.internal.example.com", noProxy)).isTrue();
        assertThat(JenkinsProxy.bypassed("adb-1.azuredatabricks.net", noProxy)).isFalse();
    }
}
