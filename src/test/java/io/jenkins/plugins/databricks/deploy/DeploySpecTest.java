package io.jenkins.plugins.databricks.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploySpecTest {

    private static DeploySpec.Builder valid() {
        return DeploySpec.builder()
                .workspaceUrl("https://adb-1.2.azuredatabricks.net/")
                .auth(WorkspaceAuth.bearer("dapi-secret-123"))
                .jar("target/app-*.jar")
                .clusters("etl, 0123-456789-abc");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        DeploySpec spec = valid().build();
        assertThat(spec.workspaceUrl()).hasToString("https://adb-1.2.azuredatabricks.net");
        assertThat(spec.folder()).isEqualTo("/Shared/jenkins");
        assertThat(spec.libraryName().template()).isEqualTo("{name}-{hash}.jar");
        assertThat(spec.clusters()).containsExactly("etl", "0123-456789-abc");
        assertThat(spec.restart()).isEqualTo(RestartPolicy.IF_RUNNING);
        assertThat(spec.waitTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(spec.keepVersions()).isEmpty();
        assertThat(spec.rollback()).isTrue();
        assertThat(spec.dryRun()).isFalse();
        assertThat(spec.smoke()).isEmpty();
        assertThat(spec.allClusters()).isFalse();
        assertThat(spec.replaceOtherCopies()).isFalse();
    }

    @Test
    void replaceOtherCopiesIsOnlyOnWhenAskedFor() {
        assertThat(valid().replaceOtherCopies(null).build().replaceOtherCopies())
                .isFalse();
        assertThat(valid().replaceOtherCopies(false).build().replaceOtherCopies())
                .isFalse();
        DeploySpec on = valid().replaceOtherCopies(true).build();
        assertThat(on.replaceOtherCopies()).isTrue();
        assertThat(on).hasToString(on.toString()).asString().contains("replaceOtherCopies=true");
    }

    @Test
    void everyInvalidFieldIsNamedWithWhatWouldBeValid() {
        DeploySpec.Builder b = DeploySpec.builder()
                .workspaceUrl("ftp://x")
                .auth(WorkspaceAuth.bearer(" "))
                .jar("/abs/app.jar")
                .libraryName("{name}-{sha}.jar")
                .folder("Shared/x")
                .replaces("app-(")
                .clusters(List.of(" "))
                .restart("sometimes")
                .waitTimeoutSeconds(0)
                .keepVersions(-1)
                .smokeCommand("1+1")
                .smokeCommandFile("smoke.scala")
                .smokeLanguage("java")
                .smokeExpect("[")
                .smokeTimeoutSeconds(-5);
        List<FieldError> errors = b.validate();
        assertThat(errors)
                .extracting(e -> e.field().fieldName())
                .containsExactly(
                        "workspaceUrl",
                        "credentials",
                        "jar",
                        "libraryName",
                        "folder",
                        "replaces",
                        "clusters",
                        "restart",
                        "waitTimeout",
                        "keepVersions",
                        "smokeCommand",
                        "smokeLanguage",
                        "smokeExpect",
                        "smokeTimeout");
        assertThat(errors.get(3).toString())
                .isEqualTo("libraryName: unknown placeholder {sha} in '{name}-{sha}.jar'"
                        + " — known placeholders: {name}, {hash}, {build}, {timestamp}");
        assertThat(errors.get(7).toString()).contains("use NEVER, IF_RUNNING or ALWAYS");
        assertThatThrownBy(b::build)
                .isInstanceOf(InvalidDeploySpecException.class)
                .hasMessageStartingWith("workspaceUrl: 'ftp://x' is not an http(s) URL")
                .hasMessageContaining("\nkeepVersions: -1 is negative")
                .hasMessageNotContaining("dapi");
    }

    @Test
    void folderTrailingSlashIsNormalisedAndStringsAreParsedLeniently() {
        DeploySpec spec = valid().folder("/Users/me@example.com/libs/")
                .restart("ifRunning")
                .smokeCommand("println(1)")
                .smokeLanguage("Python")
                .smokeTimeoutSeconds(30)
                .keepVersions(0)
                .build();
        assertThat(spec.folder()).isEqualTo("/Users/me@example.com/libs");
        assertThat(spec.restart()).isEqualTo(RestartPolicy.IF_RUNNING);
        assertThat(spec.smoke().orElseThrow().language()).isEqualTo(SmokeLanguage.PYTHON);
        assertThat(spec.smoke().orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.keepVersions()).hasValue(0);
    }

    @Test
    void allClustersMustStandAlone() {
        assertThat(valid().clusters("__ALL_CLUSTERS").build().allClusters()).isTrue();
        assertThat(valid().clusters("__ALL_CLUSTERS, etl").validate())
                .singleElement()
                .hasToString("clusters: __ALL_CLUSTERS already means every cluster — give it alone, or list clusters"
                        + " without it");
    }

    @Test
    void buildPlaceholderNeedsABuildId() {
        assertThat(valid().libraryName("{name}-{build}.jar").validate())
                .singleElement()
                .extracting(FieldError::field)
                .isEqualTo(DeployField.LIBRARY_NAME);
        assertThat(valid().libraryName("{name}-{build}.jar").buildId("42").validate())
                .isEmpty();
    }

    @Test
    void expectWithoutCommandIsAnError() {
        assertThat(valid().smokeExpect("ok").validate())
                .singleElement()
                .hasToString("smokeExpect: needs a smokeCommand, smokeCommandFile or smokeMainClass whose output it"
                        + " checks");
    }

    @Test
    void aMainClassSmokeTestCarriesItsParametersExpectAndTimeout() {
        SmokeSpec smoke = valid().smokeMainClass(" com.acme.Smoke$Main ")
                .smokeParameters("--mode\n\nquick run\n")
                .smokeExpect("ok")
                .smokeTimeoutSeconds(90)
                .build()
                .smoke()
                .orElseThrow();
        assertThat(smoke.jarMainClass()).contains("com.acme.Smoke$Main");
        assertThat(smoke.parameters()).containsExactly("--mode", "quick run");
        assertThat(smoke.inlineCommand()).isEmpty();
        assertThat(smoke.file()).isEmpty();
        assertThat(smoke.expected().orElseThrow().pattern()).isEqualTo("ok");
        assertThat(smoke.timeout()).hasSeconds(90);
    }

    @Test
    void oneSmokeTestPerDeployTheErrorNamesBothFields() {
        assertThat(valid().smokeCommand("1 + 1")
                        .smokeMainClass("com.acme.Smoke")
                        .validate())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo(DeployField.SMOKE_MAIN_CLASS);
                    assertThat(e.toString()).startsWith("smokeMainClass: and smokeCommand are both given");
                });
        assertThat(valid().smokeCommandFile("smoke.scala")
                        .smokeMainClass("com.acme.Smoke")
                        .validate())
                .singleElement()
                .hasToString("smokeMainClass: and smokeCommandFile are both given, but a deploy runs one smoke test"
                        + " — keep smokeMainClass to run the jar's main class as a job run, or smokeCommandFile to"
                        + " run a command in an execution context");
    }

    @Test
    void aMainClassMustBeAClassNameAndParametersNeedOne() {
        assertThat(valid().smokeMainClass("com.acme.Smoke --fast").validate())
                .singleElement()
                .satisfies(e -> assertThat(e.toString())
                        .startsWith("smokeMainClass: 'com.acme.Smoke --fast' is not a class name"));
        assertThat(valid().smokeMainClass("1com.acme").validate()).hasSize(1);
        assertThat(valid().smokeParameters(java.util.List.of("--fast")).validate())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo(DeployField.SMOKE_PARAMETERS));
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(valid().build().toString()).doesNotContain("dapi-secret-123").contains("token ****");
        assertThat(WorkspaceAuth.basic("me", "pw-123")).hasToString("user me / ****");
    }

    @Test
    void theApiIsAutomaticByDefaultAndFollowsTheFolder() {
        DeploySpec shared = valid().build();
        assertThat(shared.apiChoice()).isEqualTo(DatabricksApi.AUTO);
        assertThat(shared.api()).isEqualTo(DatabricksApi.REST_1_2);
        assertThat(valid().folder("/Volumes/main/ci/jars").build().api()).isEqualTo(DatabricksApi.REST_2);
        assertThat(valid().folder("/Volumes").build().api()).isEqualTo(DatabricksApi.REST_2);
        assertThat(valid().folder("/VolumesX/a").build().api()).isEqualTo(DatabricksApi.REST_1_2);
    }

    @Test
    void aForcedApiWinsOverTheFolder() {
        assertThat(valid().folder("/Volumes/main/ci/jars").api("1.2").build().api())
                .isEqualTo(DatabricksApi.REST_1_2);
        for (String text : List.of("2.x", "2", "2.0", "2.1", "REST2", "v2")) {
            assertThat(valid().api(text).build().api()).as(text).isEqualTo(DatabricksApi.REST_2);
        }
        assertThat(valid().api(" Auto ").build().apiChoice()).isEqualTo(DatabricksApi.AUTO);
        assertThat(valid().api("").build().apiChoice()).isEqualTo(DatabricksApi.AUTO);
    }

    @Test
    void anUnknownApiIsRefusedNamingTheFieldAndTheChoices() {
        assertThat(valid().api("3.0").validate())
                .singleElement()
                .hasToString("api: '3.0' is not a Databricks API — use auto (a /Volumes/ folder means 2.x, any other"
                        + " folder 1.2), 1.2 or 2.x");
    }
}
