package io.jenkins.plugins.databricks.api.rest2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.ErrorKind;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SCIM Me and the jar allowlist (read only) through real HTTP against the emulator. */
class Rest2IdentityTest {

    private DatabricksEmulator emulator;
    private Rest2Client client;

    @BeforeEach
    void start() {
        emulator = DatabricksEmulator.start();
        client = clientWith(Auth.bearer(emulator.token()));
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private Rest2Client clientWith(Auth auth) {
        return HttpTransport.builder(emulator.url())
                .auth(auth)
                .retryPolicy(RetryPolicy.none())
                .build(Rest2Client::new);
    }

    @Test
    void theCallerIsWhoTheTokenBelongsTo() throws Exception {
        CurrentUser me = client.currentUser();
        assertThat(me.principal()).isEqualTo(emulator.settings().defaultUserName());
        assertThat(me.id()).isNotBlank();
        assertThat(me.displayName()).isEqualTo("jenkins-deployer");
        assertThat(me.active()).isTrue();
        assertThat(emulator.journal().last().call()).isEqualTo("GET /api/2.0/preview/scim/v2/Me");

        try (Rest2Client bob = clientWith(Auth.bearer(emulator.issueToken("bob@example.com")))) {
            CurrentUser other = bob.currentUser();
            assertThat(other.principal()).isEqualTo("bob@example.com");
            assertThat(other.id()).isNotEqualTo(me.id());
        }
    }

    @Test
    void anExpiredTokenIsRefusedWithAHintAndNeverEchoed() {
        String token = emulator.token();
        emulator.expireToken();
        DatabricksApiException e = catchThrowableOfType(DatabricksApiException.class, () -> client.currentUser());
        assertThat(e.isAuthenticationFailure()).isTrue();
        assertThat(e.kind().is(ErrorKind.PERMISSION_DENIED) || e.kind().is(ErrorKind.UNAUTHENTICATED))
                .isTrue();
        assertThat(e.hint()).contains("credentials");
        assertThat(e.getMessage()).doesNotContain(token);
    }

    @Test
    void theAllowlistIsReadAsTheAdminSetIt() throws Exception {
        emulator.allowlists().jarPrefixes("/Volumes/main/ci/libs/", "/Volumes/prod/jars/");
        ArtifactAllowlist list = client.jarAllowlist();
        assertThat(list.matchers())
                .extracting(ArtifactAllowlist.ArtifactMatcher::artifact)
                .containsExactly("/Volumes/main/ci/libs/", "/Volumes/prod/jars/");
        assertThat(list.matchers()).allMatch(m -> "PREFIX_MATCH".equals(m.matchType()));
        assertThat(list.allows("/Volumes/main/ci/libs/app-1.jar")).isTrue();
        assertThat(list.allows("/Volumes/main/ci/libs-old/app-1.jar")).isFalse();
        assertThat(emulator.journal().last().call())
                .isEqualTo("GET /api/2.1/unity-catalog/artifact-allowlists/LIBRARY_JAR");
    }

    @Test
    void anEmptyAllowlistAllowsNothing() throws Exception {
        ArtifactAllowlist list = client.jarAllowlist();
        assertThat(list.matchers()).isEmpty();
        assertThat(list.allows("/Volumes/main/ci/libs/app.jar")).isFalse();
    }

    @Test
    void aCallerWhoIsNotAnAdminMayNotReadIt() {
        emulator.settings().allowlistAdmin(false);
        DatabricksApiException e = catchThrowableOfType(DatabricksApiException.class, () -> client.jarAllowlist());
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(e.hint()).contains("MANAGE ALLOWLIST");
    }
}
