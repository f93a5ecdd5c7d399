package io.jenkins.plugins.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkspaceRulesTest {

    @Test
    void namesAreShortWordsThatAStepCanType() {
        assertThat(WorkspaceRules.nameProblem("prod-eu.1")).isNull();
        assertThat(WorkspaceRules.nameProblem(" "))
                .contains("Give the workspace a name")
                .contains("'name'");
        assertThat(WorkspaceRules.nameProblem("my prod"))
                .contains("\"my prod\"")
                .contains("letters, digits");
    }

    @Test
    void urlsAreJudgedByTheEngineRule() {
        assertThat(WorkspaceRules.urlProblem("https://adb-1234567890123456.7.azuredatabricks.net"))
                .isNull();
        assertThat(WorkspaceRules.urlProblem("adb-123.azuredatabricks.net"))
                .startsWith("The workspace URL ")
                .contains("not an http(s) URL");
        assertThat(WorkspaceRules.urlProblem("https://user:pw@host.example")).contains("user info");
        assertThat(WorkspaceRules.urlProblem("")).contains("is empty");
    }

    @Test
    void duplicateNamesAreFoundWithoutCase() {
        assertThat(WorkspaceRules.duplicateNames(List.of("prod", "dev", "Prod", "qa", "dev")))
                .containsExactly("Prod", "dev");
        assertThat(WorkspaceRules.duplicateNames(List.of("prod", "dev"))).isEmpty();
    }

    @Test
    void timeoutsFromAFormAreWholePositiveSecondsOrTheDefault() {
        assertThat(WorkspaceRules.parseSeconds("30")).isEqualTo(30);
        assertThat(WorkspaceRules.parseSeconds("0")).isNull();
        assertThat(WorkspaceRules.parseSeconds("soon")).isNull();
        assertThat(WorkspaceRules.parseSeconds(null)).isNull();
    }

    @Test
    void aWorkspaceKeepsOnlyPositiveTimeouts() {
        DatabricksWorkspace workspace = new DatabricksWorkspace(" prod ", " https://x.cloud.databricks.com ", "id");
        workspace.setConnectTimeoutSeconds(0);
        workspace.setReadTimeoutSeconds(45);

        assertThat(workspace.getName()).isEqualTo("prod");
        assertThat(workspace.getUrl()).isEqualTo("https://x.cloud.databricks.com");
        assertThat(workspace.getConnectTimeoutSeconds()).isNull();
        assertThat(workspace.getReadTimeoutSeconds()).isEqualTo(45);
    }

    @Test
    void theResultThresholdIsOneOfThreeResults() {
        assertThat(ResultThreshold.normalise(null)).isEqualTo("SUCCESS");
        assertThat(ResultThreshold.normalise("unstable")).isEqualTo("UNSTABLE");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultThreshold.normalise("ABORTED"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resultThreshold \"ABORTED\"");
    }

    @Test
    void allowedFoldersAreAListOfPaths() {
        assertThat(WorkspaceRules.folderList(null)).isEmpty();
        assertThat(WorkspaceRules.folderList(" \n , ")).isEmpty();
        assertThat(WorkspaceRules.folderList("team-a\n/team-b/prod/, team-a\r\nteam-c"))
                .containsExactly("team-a", "team-b/prod", "team-c");
    }

    @Test
    void aRestrictedWorkspaceServesOnlyJobsUnderItsFolders() {
        List<String> folders = List.of("team-a", "team-b/prod");
        assertThat(WorkspaceRules.allowsJob(List.of(), "anything")).isTrue();
        assertThat(WorkspaceRules.allowsJob(folders, "team-a/app")).isTrue();
        assertThat(WorkspaceRules.allowsJob(folders, "team-a/sub/app")).isTrue();
        assertThat(WorkspaceRules.allowsJob(folders, "team-b/prod/app")).isTrue();
        assertThat(WorkspaceRules.allowsJob(folders, "team-b/dev/app")).isFalse();
        assertThat(WorkspaceRules.allowsJob(folders, "team-a"))
                .as("the folder itself is no job in it")
                .isFalse();
        assertThat(WorkspaceRules.allowsJob(folders, "team-ab/app"))
                .as("a prefix is not a folder")
                .isFalse();
        assertThat(WorkspaceRules.allowsJob(folders, "app")).isFalse();
    }

    @Test
    void plainHttpIsRefusedEvenToLoopbackWithoutTheTestProperty() {
        String property = io.jenkins.plugins.databricks.api.WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY;
        String before = System.getProperty(property);
        System.clearProperty(property);
        try {
            // loopback: a job could otherwise probe the controller's own ports
            assertThat(WorkspaceRules.urlProblem("http://127.0.0.1:8080"))
                    .contains("plain http")
                    .contains("-D" + property + "=true");
            assertThat(WorkspaceRules.urlProblem("http://localhost")).contains("plain http");
            System.setProperty(property, "true");
            assertThat(WorkspaceRules.urlProblem("http://127.0.0.1:8080")).isNull();
            assertThat(WorkspaceRules.urlProblem("http://dbc-1.cloud.databricks.com"))
                    .contains("plain http");
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }
}
