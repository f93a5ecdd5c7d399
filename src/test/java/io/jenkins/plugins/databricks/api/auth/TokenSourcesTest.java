package io.jenkins.plugins.databricks.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedOAuth;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import io.jenkins.plugins.databricks.emulator.ManualClock;
import io.jenkins.plugins.databricks.emulator.OidcIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each token source against the emulator's token endpoints over real HTTP, with the client and the emulator on one
 * manual clock: tokens are reused, replaced before they expire, replaced once after a 401, asked for once by many
 * threads at a time, and every refusal says what to fix without carrying a secret.
 */
class TokenSourcesTest {

    private static final String SP = "6a9c8f0e-5d1b-4e6a-9b2f-3c4d5e6f7a8b";
    private static final String SP_SECRET = "doseS3cretM2M-0123456789abcdef";
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String AZ_APP = "11112222-3333-4444-5555-666677778888";
    private static final String AZ_SECRET = "Az~Secr3t.Value_0123456789";
    private static final String JENKINS = "https://jenkins.example.com/oidc";
    private static final String AUDIENCE = "databricks-deploy";
    private static final String JOB = "https://jenkins.example.com/job/deploy/";
    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private final ManualClock clock = new ManualClock();
    private final DatabricksEmulator emulator = DatabricksEmulator.start();
    private final OidcIssuer jenkins = new OidcIssuer(JENKINS, "deploy-token");
    private final List<Rest12Client> clients = new ArrayList<>();

    TokenSourcesTest() {
        emulator.settings().clock(clock);
        emulator.addCluster("0101-000000-etl01", "etl", ClusterState.RUNNING);
        emulator.oauth()
                .servicePrincipal(SP, SP_SECRET)
                .entraApplication(TENANT, AZ_APP, AZ_SECRET)
                .federationPolicy(new EmulatedOAuth.FederationPolicy(SP, JENKINS, AUDIENCE, JOB, jenkins.jwks()));
    }

    @AfterEach
    void close() {
        clients.forEach(Rest12Client::close);
        emulator.close();
    }

    private Rest12Client client(Auth auth) {
        Rest12Client client = HttpTransport.builder(emulator.url())
                .auth(auth)
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(2)
                        .initialBackoff(Duration.ofMillis(10))
                        .jitter(Duration.ZERO)
                        .clock(clock)
                        .sleeper(clock::advance)
                        .build())
                .build(Rest12Client::new);
        clients.add(client);
        return client;
    }

    private String idToken() {
        return jenkins.idToken(AUDIENCE, JOB, clock.instant(), Duration.ofHours(1));
    }

    private long unauthorized() {
        return emulator.journal().entries().stream()
                .filter(e -> e.status() == 401 && e.path().startsWith("/api/"))
                .count();
    }

    // ------------------------------------------------------------------------------------------------ M2M

    @Test
    void m2mDiscoversTheEndpointAndReusesOneTokenUntilItIsNearlyExpired() throws Exception {
        Rest12Client client = client(Auth.tokens(OAuthM2M.of(SP, SP_SECRET)));
        assertThat(client.listClusters()).hasSize(1);
        assertThat(client.listClusters()).hasSize(1);
        assertThat(emulator.oauth().tokenRequests("client_credentials")).isEqualTo(1);
        assertThat(emulator.journal().paths())
                .startsWith("/oidc/.well-known/oauth-authorization-server", "/oidc/v1/token");
        JournalEntry token = emulator.journal().entries().get(1);
        assertThat(token.params())
                .containsEntry("grant_type", "client_credentials")
                .containsEntry("scope", "all-apis");

        clock.advance(Duration.ofMinutes(54)); // 6 minutes left: still used
        client.listClusters();
        assertThat(emulator.oauth().tokenRequests("client_credentials")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2)); // 4 minutes left: replaced before it expires
        client.listClusters();
        assertThat(emulator.oauth().tokenRequests("client_credentials")).isEqualTo(2);
        assertThat(unauthorized()).isZero();
        assertThat(emulator.journal().paths()).containsOnlyOnce("/oidc/.well-known/oauth-authorization-server");
    }

    @Test
    void aShortLivedTokenIsReplacedAtHalfItsLifeNotOnEveryCall() throws Exception {
        emulator.oauth().accessTokenLifetime(Duration.ofMinutes(2));
        Rest12Client client = client(Auth.tokens(OAuthM2M.of(SP, SP_SECRET)));
        client.listClusters();
        clock.advance(Duration.ofSeconds(30));
        client.listClusters();
        assertThat(emulator.oauth().tokenRequests("client_credentials")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(40));
        client.listClusters();
        clock.advance(Duration.ofMinutes(5)); // long expired: a new one before the call
        client.listClusters();
        assertThat(emulator.oauth().tokenRequests("client_credentials")).isEqualTo(3);
        assertThat(unauthorized()).isZero();
    }

    @Test
    void aRevokedTokenIsReplacedOnceAndTheCallSucceeds() throws Exception {
        Rest12Client client = client(Auth.tokens(OAuthM2M.of(SP, SP_SECRET)));
        client.listClusters();
        emulator.oauth().revokeAccessTokens();
        assertThat(client.listClusters()).hasSize(1);
        assertThat(unauthorized()).isEqualTo(1);
        assertThat(emulator.oauth().tokenRequests("client_credentials")).isEqualTo(2);
    }

    @Test
    void anExpiredTokenSentAnywayIsAnswered401AndReplaced() throws Exception {
        // The emulator's clock runs ahead of the client's: the token the client thinks valid has expired there.
        ManualClock client = new ManualClock(clock.instant());
        Rest12Client c = HttpTransport.builder(emulator.url())
                .auth(Auth.tokens(OAuthM2M.of(SP, SP_SECRET)))
                .retryPolicy(RetryPolicy.builder().clock(client).build())
                .build(Rest12Client::new);
        clients.add(c);
        c.listClusters();
        clock.advance(Duration.ofHours(2));
        assertThat(c.listClusters()).hasSize(1);
        assertThat(emulator.journal().matching(e -> e.status() == 401)).hasSize(1);
    }

    @Test
    void aRevokedSecretFailsWithWhatToFix() throws Exception {
        Rest12Client client = client(Auth.tokens(OAuthM2M.of(SP, SP_SECRET)));
        client.listClusters();
        emulator.oauth().revokeSecret(SP).revokeAccessTokens();
        assertThatThrownBy(client::listClusters)
                .isInstanceOf(DatabricksApiException.class)
                .satisfies(e -> assertThat(((DatabricksApiException) e).isAuthenticationFailure())
                        .isTrue())
                .hasMessageContaining("OAuth M2M as service principal " + SP)
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("client secret is wrong, expired or revoked")
                .hasMessageNotContaining(SP_SECRET);
    }

    @Test
    void anUnknownClientIdNamesTheClientId() {
        Rest12Client client = client(Auth.tokens(OAuthM2M.of("no-such-sp", SP_SECRET)));
        assertThatThrownBy(client::listClusters)
                .hasMessageContaining("no service principal has the client id no-such-sp")
                .hasMessageContaining("POST " + emulator.url() + "/oidc/v1/token")
                .hasMessageNotContaining(SP_SECRET);
    }

    @Test
    void blankFieldsAreNamed() {
        assertThatThrownBy(() -> OAuthM2M.of(" ", SP_SECRET)).hasMessageContaining("client id is empty");
        assertThatThrownBy(() -> OAuthM2M.of(SP, "")).hasMessageContaining("client secret is empty");
        assertThatThrownBy(() -> AzureServicePrincipal.of("", AZ_APP, AZ_SECRET))
                .hasMessageContaining("Azure tenant is empty");
        assertThatThrownBy(() -> AzureServicePrincipal.of(TENANT, AZ_APP, AZ_SECRET, "http://login.example.com"))
                .hasMessageContaining("must be an https address");
    }

    @Test
    void aDiscoveryDocumentCannotSendTheSecretElsewhere() throws Exception {
        try (var fake = new FakeDiscovery("{\"token_endpoint\":\"https://evil.example.com/oidc/v1/token\"}")) {
            Rest12Client client = HttpTransport.builder(fake.url())
                    .auth(Auth.tokens(OAuthM2M.of(SP, SP_SECRET)))
                    .retryPolicy(RetryPolicy.none())
                    .build(Rest12Client::new);
            clients.add(client);
            assertThatThrownBy(client::listClusters)
                    .hasMessageContaining("is not on the workspace's host")
                    .hasMessageNotContaining(SP_SECRET);
            assertThat(fake.posts.get()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------------ concurrency

    @Test
    void manyConcurrentCallsShareOneTokenRequest() throws Exception {
        emulator.oauth().tokenEndpointLatency(Duration.ofMillis(300));
        Rest12Client client = client(Auth.tokens(OAuthM2M.of(SP, SP_SECRET)));
        int threads = 12;
        runTogether(threads, client);
        assertThat(emulator.oauth().tokenRequests("client_credentials")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(56)); // stale: one caller refreshes, the others go on with the old token
        runTogether(threads, client);
        assertThat(emulator.oauth().tokenRequests("client_credentials")).isEqualTo(2);

        clock.advance(Duration.ofMinutes(61)); // expired: all wait for the one new token
        runTogether(threads, client);
        assertThat(emulator.oauth().tokenRequests("client_credentials")).isEqualTo(3);
        assertThat(unauthorized()).isZero();
    }

    private static void runTogether(int threads, Rest12Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return client.listClusters().size();
                }));
            }
            start.countDown();
            for (Future<Integer> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------ federation

    @Test
    void federationExchangesAFreshIdTokenPerExchange() throws Exception {
        AtomicInteger minted = new AtomicInteger();
        Rest12Client client = client(Auth.tokens(WorkloadIdentityFederation.of(
                () -> {
                    minted.incrementAndGet();
                    return idToken();
                },
                SP)));
        client.listClusters();
        client.listClusters();
        assertThat(minted).hasValue(1);
        JournalEntry exchange = emulator.journal().entries().stream()
                .filter(e -> e.path().equals("/oidc/v1/token"))
                .findFirst()
                .orElseThrow();
        assertThat(exchange.params())
                .containsEntry("grant_type", EXCHANGE)
                .containsEntry("client_id", SP)
                .containsEntry("scope", "all-apis")
                .doesNotContainKey("subject_token");
        emulator.oauth().revokeAccessTokens();
        client.listClusters();
        assertThat(minted).hasValue(2);
    }

    @Test
    void theFederatedTokenLivesNoLongerThanTheIdToken() throws Exception {
        Rest12Client client = client(Auth.tokens(WorkloadIdentityFederation.of(
                () -> jenkins.idToken(AUDIENCE, JOB, clock.instant(), Duration.ofMinutes(10)), SP)));
        client.listClusters();
        clock.advance(Duration.ofMinutes(6)); // 4 of 10 minutes left
        client.listClusters();
        assertThat(emulator.oauth().tokenRequests(EXCHANGE)).isEqualTo(2);
    }

    @Test
    void aWrongAudienceIsRefusedNamingTheAudience() {
        String token = jenkins.idToken("some-other-audience", JOB, clock.instant(), Duration.ofHours(1));
        assertRefused(token, "audience does not match", "audience 'some-other-audience'");
    }

    @Test
    void aWrongIssuerIsRefusedNamingTheIssuer() {
        OidcIssuer other = new OidcIssuer("https://other.example.com/oidc", "deploy-token");
        emulator.oauth()
                .federationPolicy(new EmulatedOAuth.FederationPolicy(
                        SP, "https://third.example.com", AUDIENCE, JOB, other.jwks()));
        String token = other.idToken(AUDIENCE, JOB, clock.instant(), Duration.ofHours(1));
        assertRefused(token, "issuer does not match", "issuer 'https://other.example.com/oidc'");
    }

    @Test
    void aWrongSubjectIsRefusedNamingTheSubject() {
        String token = jenkins.idToken(
                AUDIENCE, "https://jenkins.example.com/job/other/", clock.instant(), Duration.ofHours(1));
        assertRefused(token, "subject does not match", "subject 'https://jenkins.example.com/job/other/'");
    }

    @Test
    void anExpiredIdTokenIsRefusedAsExpired() {
        String token = jenkins.idToken(AUDIENCE, JOB, clock.instant().minus(Duration.ofHours(2)), Duration.ofHours(1));
        assertRefused(token, "The id token expired at", "mint a fresh token for each call");
    }

    @Test
    void aBadSignatureIsRefused() {
        OidcIssuer impostor = new OidcIssuer(JENKINS, "deploy-token");
        String token = impostor.idToken(AUDIENCE, JOB, clock.instant(), Duration.ofHours(1));
        assertRefused(token, "signature does not verify", "signature was not accepted");
    }

    @Test
    void aWrongAlgorithmIsRefused() {
        Map<String, Object> claims = OidcIssuer.claims(JENKINS, AUDIENCE, JOB, clock.instant(), Duration.ofHours(1));
        assertRefused(jenkins.sign("HS256", claims), "Unsupported signing algorithm HS256", "RS256 or ES256");
        assertRefused(jenkins.sign("none", claims), "Unsupported signing algorithm none", "RS256 or ES256");
    }

    @Test
    void anUnknownServicePrincipalIsNamed() {
        Rest12Client client = client(Auth.tokens(WorkloadIdentityFederation.of(this::idToken, "not-a-sp")));
        assertThatThrownBy(client::listClusters)
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("client id not-a-sp");
    }

    private void assertRefused(String idToken, String cause, String fix) {
        Rest12Client client = client(Auth.tokens(WorkloadIdentityFederation.of(() -> idToken, SP)));
        assertThatThrownBy(client::listClusters)
                .isInstanceOf(DatabricksApiException.class)
                .hasMessageContaining("workload identity federation as service principal " + SP)
                .hasMessageContaining(cause)
                .hasMessageContaining(fix)
                .hasMessageNotContaining(idToken)
                .hasMessageNotContaining(idToken.substring(0, idToken.lastIndexOf('.')));
        assertThat(emulator.journal().paths()).doesNotContain("/api/1.2/clusters/list");
    }

    // ------------------------------------------------------------------------------------------------ Entra ID

    @Test
    void entraClientCredentialsAtTheTenantsEndpoint() throws Exception {
        AzureServicePrincipal sp = AzureServicePrincipal.of(TENANT, AZ_APP, AZ_SECRET, emulator.url());
        assertThat(sp.tokenEndpoint()).hasToString(emulator.url() + "/" + TENANT + "/oauth2/token");
        Rest12Client client = client(Auth.tokens(sp));
        client.listClusters();
        clock.advance(Duration.ofMinutes(50));
        client.listClusters();
        assertThat(emulator.oauth().tokenRequests("entra")).isEqualTo(1); // expires_in came as a string
        JournalEntry token = emulator.journal().entries().get(0);
        assertThat(token.params())
                .containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", AZ_APP)
                .containsEntry("resource", AzureServicePrincipal.AZURE_DATABRICKS_RESOURCE)
                .doesNotContainKey("client_secret");
        assertThat(AzureServicePrincipal.of(TENANT, AZ_APP, AZ_SECRET, "login.microsoftonline.us")
                        .tokenEndpoint())
                .hasToString("https://login.microsoftonline.us/" + TENANT + "/oauth2/token");
        assertThat(AzureServicePrincipal.of(TENANT, AZ_APP, AZ_SECRET).tokenEndpoint())
                .hasToString("https://login.microsoftonline.com/" + TENANT + "/oauth2/token");
    }

    @Test
    void entraRefusalsSayWhatToFix() {
        assertThatThrownBy(
                        client(Auth.tokens(AzureServicePrincipal.of(TENANT, AZ_APP, "wrong", emulator.url())))
                                ::listClusters)
                .hasMessageContaining("AADSTS7000215")
                .hasMessageContaining("paste the secret's value (not its id)")
                .hasMessageNotContaining("Trace ID");
        assertThatThrownBy(
                        client(Auth.tokens(
                                AzureServicePrincipal.of("contoso.onmicrosoft.com", AZ_APP, AZ_SECRET, emulator.url())))
                                ::listClusters)
                .hasMessageContaining("Tenant contoso.onmicrosoft.com was not found");
        assertThatThrownBy(
                        client(Auth.tokens(AzureServicePrincipal.of(TENANT, "nobody", AZ_SECRET, emulator.url())))
                                ::listClusters)
                .hasMessageContaining("No application with client id nobody exists in tenant " + TENANT);
    }

    // ------------------------------------------------------------------------------------------------ redaction

    @Test
    void mintedTokensReachOtherRedactorsBeforeUse() throws Exception {
        List<String> seen = new ArrayList<>();
        Auth auth = Auth.tokens(OAuthM2M.of(SP, SP_SECRET)).onSecret(seen::add);
        assertThat(seen).containsExactly(SP_SECRET);
        Rest12Client client = client(auth);
        client.listClusters();
        emulator.oauth().revokeAccessTokens();
        List<String> live = List.copyOf(seen);
        client.listClusters();
        assertThat(seen).hasSize(3).containsAll(emulator.oauth().liveTokens()).containsAll(live);
        assertThat(auth.secrets()).containsExactlyInAnyOrderElementsOf(seen);
        String echoed = "denied for Bearer " + seen.get(2) + " / " + SP_SECRET;
        assertThat(auth.redact(echoed)).isEqualTo("denied for Bearer **** / ****");
        assertThat(auth.toString()).isEqualTo("Auth[OAuth M2M as service principal " + SP + "]");
        assertThat(auth.method()).isEqualTo("OAuth M2M as service principal " + SP);
    }
}
