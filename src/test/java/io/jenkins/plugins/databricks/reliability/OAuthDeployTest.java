package io.jenkins.plugins.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.auth.AzureServicePrincipal;
import io.jenkins.plugins.databricks.api.auth.OAuthM2M;
import io.jenkins.plugins.databricks.api.auth.WorkloadIdentityFederation;
import io.jenkins.plugins.databricks.deploy.Backend;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.emulator.EmulatedOAuth;
import io.jenkins.plugins.databricks.emulator.OidcIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A whole deploy (upload, detach, restart, attach, smoke test) through the 1.2 gateway with each OAuth method, with
 * access tokens that live 6 minutes while the restart alone takes 8: the token is replaced inside the deploy and
 * nothing fails — not one request is answered 401.
 */
class OAuthDeployTest {

    private static final String SP = "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e";
    private static final String SP_SECRET = "doseDeploySecret-abcdef0123456789";
    private static final String TENANT = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String JENKINS = "https://ci.example.com/oidc";
    private static final String JOB = "https://ci.example.com/job/deploy/";

    @TempDir
    Path tmp;

    static Stream<Arguments> methods() {
        return Stream.of(
                Arguments.of("OAuth M2M", (Function<Rig, Auth>) rig -> Auth.tokens(OAuthM2M.of(SP, SP_SECRET)), "dbo"),
                Arguments.of(
                        "workload identity federation",
                        (Function<Rig, Auth>) rig -> {
                            OidcIssuer jenkins = new OidcIssuer(JENKINS, "deploy");
                            rig.emulator
                                    .oauth()
                                    .federationPolicy(new EmulatedOAuth.FederationPolicy(
                                            SP, JENKINS, "databricks", JOB, jenkins.jwks()));
                            return Auth.tokens(WorkloadIdentityFederation.of(
                                    () -> jenkins.idToken("databricks", JOB, rig.clock.instant(), Duration.ofHours(1)),
                                    SP));
                        },
                        "dbo"),
                Arguments.of(
                        "Azure Entra ID",
                        (Function<Rig, Auth>)
                                rig -> Auth.tokens(AzureServicePrincipal.of(TENANT, SP, SP_SECRET, rig.emulator.url())),
                        "aad"));
    }

    /** Every method on every backend. */
    static Stream<Arguments> methodsOnEachBackend() {
        return Stream.of(Backend.values())
                .flatMap(backend -> methods().map(m -> {
                    Object[] a = m.get();
                    return Arguments.of(backend, a[0], a[1], a[2]);
                }));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("methodsOnEachBackend")
    void theTokenExpiresMidDeployAndIsReplaced(Backend backend, String name, Function<Rig, Auth> method, String prefix)
            throws Exception {
        try (Rig rig = new Rig(tmp, backend)) {
            rig.emulator
                    .oauth()
                    .servicePrincipal(SP, SP_SECRET)
                    .entraApplication(TENANT, SP, SP_SECRET)
                    .accessTokenLifetime(Duration.ofMinutes(6));
            rig.emulator.settings().restartDuration(Duration.ofMinutes(8));
            rig.jar("2.0");
            Auth auth = method.apply(rig);
            DeployReport report = rig.deployer(rig.backendGateway(auth, Duration.ofSeconds(5)))
                    .deploy(rig.spec(Rig.ETL, Rig.ML)
                            .auth(WorkspaceAuth.of(auth))
                            .restart("always")
                            .smokeCommand("#emulator: print=ok")
                            .build());

            assertThat(report.outcome()).as(rig.logText()).isEqualTo(DeployReport.Outcome.DEPLOYED);
            assertThat(rig.emulator.oauth().tokenRequests()).as("tokens minted").isGreaterThanOrEqualTo(2);
            assertThat(rig.emulator.journal().matching(e -> e.status() == 401)).isEmpty();
            assertThat(auth.secrets()).anyMatch(s -> s.startsWith(prefix));
            assertThat(rig.logText()).doesNotContain(auth.secrets());
            assertThat(report.toJson()).doesNotContain(auth.secrets());
        }
    }
}
