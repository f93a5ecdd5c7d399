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
}
