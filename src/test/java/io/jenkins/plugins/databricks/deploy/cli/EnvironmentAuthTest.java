package io.jenkins.plugins.databricks.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDKs' auth variables: which method they select, and the mixes that are refused by name. */
class EnvironmentAuthTest {

    private static final String SECRET = "doseCliSecret0123456789";

    @TempDir
    Path tmp;

    private static String type(Map<String, String> env) {
        EnvironmentAuth.Choice c = EnvironmentAuth.resolve(env, null);
        return c == null ? null : c.type();
    }

    @Test
    void eachCompleteSetSelectsItsMethod() throws Exception {
        assertThat(type(Map.of())).isNull();
        assertThat(type(Map.of("DATABRICKS_TOKEN", "dapi1"))).isEqualTo("pat");
        assertThat(EnvironmentAuth.resolve(Map.of(), "dapi1").type()).isEqualTo("pat");
        assertThat(type(Map.of("DATABRICKS_CLIENT_ID", "sp", "DATABRICKS_CLIENT_SECRET", SECRET)))
                .isEqualTo("oauth-m2m");
        assertThat(type(Map.of("DATABRICKS_OIDC_TOKEN", "eyJ.x.y"))).isEqualTo("env-oidc");
        assertThat(type(Map.of("DATABRICKS_OIDC_TOKEN_FILEPATH", "/t", "DATABRICKS_CLIENT_ID", "sp")))
                .isEqualTo("file-oidc");
        assertThat(type(Map.of("ARM_TENANT_ID", "t", "ARM_CLIENT_ID", "c", "ARM_CLIENT_SECRET", SECRET)))
                .isEqualTo("azure-client-secret");
        assertThat(type(Map.of("DATABRICKS_TOKEN", " "))).isNull();
        Path file = Files.writeString(tmp.resolve("token"), "header.payload.sig\nignored\n");
        assertThat(EnvironmentAuth.resolve(Map.of("DATABRICKS_OIDC_TOKEN_FILEPATH", file.toString()), null)
                        .auth(null)
                        .method())
                .isEqualTo("workload identity federation (account-wide policy)");
    }

    @Test
    void anAmbiguousMixIsAnErrorNamingTheVariables() {
        assertThatThrownBy(() -> type(Map.of(
                        "DATABRICKS_TOKEN", "dapi1", "DATABRICKS_CLIENT_ID", "sp", "DATABRICKS_CLIENT_SECRET", SECRET)))
                .hasMessageContaining("more than one way to authenticate")
                .hasMessageContaining("pat (DATABRICKS_TOKEN)")
                .hasMessageContaining("oauth-m2m (DATABRICKS_CLIENT_ID, DATABRICKS_CLIENT_SECRET)")
                .hasMessageContaining("DATABRICKS_AUTH_TYPE")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("dapi1");
        assertThatThrownBy(() -> type(Map.of("DATABRICKS_OIDC_TOKEN", "a", "DATABRICKS_OIDC_TOKEN_FILEPATH", "/b")))
                .hasMessageContaining("env-oidc (DATABRICKS_OIDC_TOKEN); file-oidc (DATABRICKS_OIDC_TOKEN_FILEPATH)");
        assertThatThrownBy(() -> type(Map.of("DATABRICKS_CLIENT_SECRET", SECRET)))
                .hasMessageContaining("DATABRICKS_CLIENT_SECRET is set without DATABRICKS_CLIENT_ID");
        assertThatThrownBy(() -> type(Map.of("DATABRICKS_CLIENT_ID", "sp")))
                .hasMessageContaining("DATABRICKS_CLIENT_ID is set alone");
        assertThatThrownBy(() -> type(Map.of("ARM_TENANT_ID", "t", "ARM_CLIENT_SECRET", SECRET)))
                .hasMessageContaining("ARM_TENANT_ID and ARM_CLIENT_SECRET set without ARM_CLIENT_ID");
    }

    @Test
    void authTypeChoosesAmongSeveral() {
        assertThat(type(Map.of(
                        "DATABRICKS_AUTH_TYPE",
                        "oauth-m2m",
                        "DATABRICKS_TOKEN",
                        "dapi1",
                        "DATABRICKS_CLIENT_ID",
                        "sp",
                        "DATABRICKS_CLIENT_SECRET",
                        SECRET)))
                .isEqualTo("oauth-m2m");
        assertThatThrownBy(() -> type(Map.of("DATABRICKS_AUTH_TYPE", "azure-client-secret", "DATABRICKS_TOKEN", "x")))
                .hasMessageContaining("set ARM_TENANT_ID, ARM_CLIENT_ID and ARM_CLIENT_SECRET");
    }

    @Test
    void sovereignCloudsByArmEnvironment() {
        assertThat(EnvironmentAuth.loginHost("USGOVERNMENT")).isEqualTo("https://login.microsoftonline.us/");
        assertThat(EnvironmentAuth.loginHost("AzureChinaCloud")).isEqualTo("https://login.chinacloudapi.cn/");
        assertThatThrownBy(() -> EnvironmentAuth.loginHost("MARS")).hasMessageContaining("ARM_ENVIRONMENT=MARS");
    }

    @Test
    void theDemoDeploysWithAServicePrincipalsVariables() {
        for (Map<String, String> env : java.util.List.of(
                Map.of("DATABRICKS_CLIENT_ID", "demo-sp", "DATABRICKS_CLIENT_SECRET", SECRET),
                Map.of("ARM_TENANT_ID", "demo-tenant", "ARM_CLIENT_ID", "demo-app", "ARM_CLIENT_SECRET", SECRET))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int status = DeployCommand.run(
                    new String[] {"--dry-run"}, env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String output = bytes.toString(StandardCharsets.UTF_8);
            assertThat(status).as(output).isZero();
            assertThat(output)
                    .containsAnyOf(
                            "authenticating with OAuth M2M as service principal demo-sp",
                            "authenticating with Azure Entra ID service principal demo-app (tenant demo-tenant)")
                    .contains("----- build log -----")
                    .doesNotContain(SECRET);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(DeployCommand.run(
                        new String[] {"--dry-run"},
                        Map.of("DATABRICKS_OIDC_TOKEN", "a.b.c"),
                        new PrintStream(bytes, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("give both --host and --token");
    }
}
