package io.jenkins.plugins.databricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.databricks.deploy.DeployField;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.InvalidDeploySpecException;
import io.jenkins.plugins.databricks.deploy.RestartPolicy;
import io.jenkins.plugins.databricks.deploy.SmokeLanguage;
import io.jenkins.plugins.databricks.deploy.SmokeSpec;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The translation of the front ends' fields into the engine's DeploySpec, and the checks on the fields. */
class DeployRequestTest {

    private static DeployRequest minimal() {
        return request("prod", null, null, "target/*.jar", null);
    }

    /** A request to cluster "etl" with the fields these tests vary; every other field empty. */
    private static DeployRequest request(
            String workspace, String workspaceUrl, String credentialsId, String jar, String smokeCommand) {
        return new DeployRequest(
                workspace,
                workspaceUrl,
                credentialsId,
                jar,
                null,
                null,
                null,
                false,
                "etl",
                null,
                null,
                null,
                smokeCommand,
                null,
                null,
                null,
                null,
                null,
                null,
                true,
                false,
                null,
                null,
                null);
    }

    @Test
    void theMainClassSmokeFieldsReachTheSpecAndAreExpanded() {
        DeployRequest request = new DeployRequest(
                        "prod",
                        null,
                        null,
                        "target/*.jar",
                        null,
                        null,
                        null,
                        false,
                        "etl",
                        null,
                        null,
                        null,
                        null,
                        null,
                        "com.acme.${SMOKE}",
                        "--build\n${BUILD_NUMBER}\n",
                        null,
                        null,
                        120,
                        true,
                        false,
                        null,
                        null,
                        null)
                .expand(s -> s.replace("${SMOKE}", "Smoke").replace("${BUILD_NUMBER}", "42"));
        SmokeSpec smoke = request.toSpec("https://x.cloud.databricks.com", null, "42")
                .build()
                .smoke()
                .orElseThrow();
        assertThat(smoke.jarMainClass()).contains("com.acme.Smoke");
        assertThat(smoke.parameters()).containsExactly("--build", "42");
        assertThat(smoke.timeout()).hasSeconds(120);
        // a configured workspace's defaults fill the folder and the API, and keep the smoke test as given
        DeployRequest defaulted = request.withWorkspaceDefaults("/Volumes/main/apps/jars", "2.x");
        assertThat(defaulted.smokeMainClass()).isEqualTo("com.acme.Smoke");
        assertThat(defaulted.smokeParameters()).isEqualTo("--build\n42\n");
    }

    @Test
    void aCommandAndAMainClassAreOneSmokeTestTooMany() {
        DeployRequest both = new DeployRequest(
                "prod",
                null,
                null,
                "target/*.jar",
                null,
                null,
                null,
                false,
                "etl",
                null,
                null,
                null,
                "1 + 1",
                null,
                "com.acme.Smoke",
                null,
                null,
                null,
                null,
                true,
                false,
                null,
                null,
                null);
        assertThat(both.problemsWith("smokeMainClass"))
                .singleElement()
                .asString()
                .startsWith("and smokeCommand are both given");
    }

    @Test
    void everyFieldReachesTheSpec() {
        DeployRequest request = new DeployRequest(
                null,
                "https://adb-1.azuredatabricks.net",
                "dbx",
                "target/app-*.jar",
                "{name}-{build}.jar",
                "/Shared/libs",
                "app-.*",
                true,
                "etl-cluster, 0123-456789-abc\nreporting",
                "always",
                300,
                2,
                "println(1)",
                null,
                null,
                null,
                "scala",
                "^1$",
                90,
                false,
                true,
                null,
                null,
                null);
        DeploySpec spec = request.toSpec(request.workspaceUrl(), WorkspaceAuth.bearer("t0k3n"), "42")
                .build();

        assertThat(spec.workspaceUrl()).hasToString("https://adb-1.azuredatabricks.net");
        assertThat(spec.jar()).isEqualTo("target/app-*.jar");
        assertThat(spec.folder()).isEqualTo("/Shared/libs");
        assertThat(spec.replaces()).get().extracting(p -> p.pattern()).isEqualTo("app-.*");
        assertThat(spec.replaceOtherCopies()).isTrue();
        assertThat(request.expand(v -> v).replaceOtherCopies()).isTrue();
        assertThat(minimal().toSpec("https://x.invalid", null, "1").build().replaceOtherCopies())
                .as("off unless asked for")
                .isFalse();
        assertThat(spec.clusters()).containsExactly("etl-cluster", "0123-456789-abc", "reporting");
        assertThat(spec.restart()).isEqualTo(RestartPolicy.ALWAYS);
        assertThat(spec.waitTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(spec.keepVersions()).hasValue(2);
        assertThat(spec.smoke()).get().satisfies(smoke -> {
            assertThat(smoke.language()).isEqualTo(SmokeLanguage.SCALA);
            assertThat(smoke.timeout()).isEqualTo(Duration.ofSeconds(90));
        });
        assertThat(spec.rollback()).isFalse();
        assertThat(spec.dryRun()).isTrue();
        assertThat(spec.buildId()).hasValue("42");
        assertThat(spec.auth()).get().extracting(WorkspaceAuth::isBearer).isEqualTo(true);
    }

    @Test
    void omittedFieldsGetTheEngineDefaults() {
        DeploySpec spec = minimal()
                .toSpec("https://x.cloud.databricks.com", WorkspaceAuth.bearer("t"), "7")
                .build();

        assertThat(spec.folder()).isEqualTo(DeploySpec.DEFAULT_FOLDER);
        assertThat(spec.restart()).isEqualTo(DeploySpec.DEFAULT_RESTART);
        assertThat(spec.waitTimeout()).isEqualTo(DeploySpec.DEFAULT_WAIT_TIMEOUT);
        assertThat(spec.keepVersions()).isEmpty();
        assertThat(spec.smoke()).isEmpty();
        assertThat(spec.rollback()).isTrue();
        assertThat(spec.dryRun()).isFalse();
    }

    @Test
    void invalidFieldsAreNamedAsTheUserWroteThem() {
        DeployRequest request = new DeployRequest(
                "prod",
                null,
                null,
                "",
                null,
                "relative/folder",
                null,
                false,
                "",
                "sometimes",
                -5,
                -1,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                true,
                false,
                null,
                null,
                null);

        assertThatThrownBy(() -> request.toSpec("https://x.cloud.databricks.com", null, "1")
                        .build())
                .isInstanceOfSatisfying(InvalidDeploySpecException.class, e -> {
                    String described = DeployRequest.describe(e.errors());
                    assertThat(described)
                            .contains("jar: ")
                            .contains("folder: ")
                            .contains("clusters: ")
                            .contains("restart: ")
                            .contains("waitTimeoutSeconds: ")
                            .contains("keepVersions: ")
                            .contains("smokeTimeoutSeconds: ")
                            .doesNotContain("waitTimeout:");
                });
    }

    @Test
    void aFieldCheckReportsOnlyThatField() {
        DeployRequest request =
                new FormFields().waitTimeoutSeconds("0").keepVersions("-3").build();

        assertThat(request.problemsWith("waitTimeoutSeconds"))
                .singleElement()
                .asString()
                .contains("positive");
        assertThat(request.problemsWith("keepVersions"))
                .singleElement()
                .asString()
                .contains("negative");
        assertThat(request.problemsWith("folder")).isEmpty();
    }

    @Test
    void dependentFieldsAreJudgedTogether() {
        assertThat(new FormFields().smokeExpect("ok").build().problemsWith("smokeExpect"))
                .singleElement()
                .asString()
                .contains("smokeCommand");
        assertThat(new FormFields()
                        .smokeCommand("println(1)")
                        .smokeExpect("ok")
                        .build()
                        .problemsWith("smokeExpect"))
                .isEmpty();
        // the engine files "both" under smokeCommand; the file's check asks for both parameters to show it
        DeployRequest both = new FormFields()
                .smokeCommand("println(1)")
                .smokeCommandFile("smoke.scala")
                .build();
        assertThat(both.problemsWith("smokeCommandFile")).isEmpty();
        assertThat(both.problemsWith("smokeCommandFile", "smokeCommand"))
                .singleElement()
                .asString()
                .contains("not both");
    }

    @Test
    void numberFieldsSayWhenTheTextIsNotANumber() {
        assertThat(FormFields.numberProblem("ten")).contains("\"ten\"").contains("whole number");
        assertThat(FormFields.numberProblem(" 12 ")).isNull();
        assertThat(FormFields.numberProblem("")).isNull();
    }

    @Test
    void theConnectionIsAWorkspaceNameOrAUrlWithCredentials() {
        assertThat(minimal().connectionProblem()).isNull();
        DeployRequest both = request("prod", "https://x", "id", "a.jar", null);
        assertThat(both.connectionProblem()).contains("not both");
        DeployRequest neither = request(null, " ", null, "a.jar", null);
        assertThat(neither.connectionProblem()).contains("workspaceUrl with credentialsId");
        DeployRequest urlOnly = request(null, "https://x", "", "a.jar", null);
        assertThat(urlOnly.connectionProblem()).startsWith("workspaceUrl needs credentialsId");
    }

    @Test
    void expansionReachesTextFieldsButNotCommands() {
        Map<String, String> env = Map.of("BUILD_NUMBER", "12");
        DeployRequest request =
                request("prod", null, null, "target/app-${BUILD_NUMBER}.jar", "println(\"${BUILD_NUMBER}\")");

        DeployRequest expanded = request.expand(s -> s.replace("${BUILD_NUMBER}", env.get("BUILD_NUMBER")));

        assertThat(expanded.jar()).isEqualTo("target/app-12.jar");
        assertThat(expanded.smokeCommand()).isEqualTo("println(\"${BUILD_NUMBER}\")");
        assertThat(expanded.workspace()).isEqualTo("prod");
    }

    @Test
    void neitherTheCredentialsIdNorTheWorkspaceNameIsExpanded() {
        // A ${CRED} in credentialsId is a credentials parameter, resolved by Jenkins with the rights of the user who
        // started the build; expanding it from any build variable would let a string parameter pick any credential.
        Map<String, String> env = Map.of("CRED", "admin-token", "WS", "prod", "HOST", "dbc-1.cloud.databricks.com");
        UnaryOperator<String> expand = s -> {
            String out = s;
            for (Map.Entry<String, String> e : env.entrySet()) {
                out = out.replace("${" + e.getKey() + "}", e.getValue());
            }
            return out;
        };
        DeployRequest direct = request(null, "https://${HOST}", "${CRED}", "a.jar", null);
        DeployRequest named = request("${WS}", null, null, "a.jar", null);

        assertThat(direct.expand(expand).credentialsId()).isEqualTo("${CRED}");
        assertThat(direct.expand(expand).workspaceUrl()).isEqualTo("https://dbc-1.cloud.databricks.com");
        assertThat(named.expand(expand).workspace()).isEqualTo("${WS}");
    }

    @Test
    void parameterNamesFollowTheStepsParameters() {
        assertThat(List.of(DeployField.values()).stream()
                        .map(DeployRequest::parameterName)
                        .toList())
                .contains("credentialsId", "waitTimeoutSeconds", "smokeTimeoutSeconds", "jar", "clusters")
                .doesNotContain("credentials", "waitTimeout", "smokeTimeout");
    }
}
