package io.jenkins.plugins.databricks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.databricks.DeployResult;
import io.jenkins.plugins.databricks.RedactingOutput;
import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.AuthFromCredential;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.ProxySettings;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.WorkspaceUrl;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.DeployException;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Deployer;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import io.jenkins.plugins.databricks.emulator.EmulatedOAuth;
import io.jenkins.plugins.databricks.emulator.OidcIssuer;
import io.jenkins.plugins.databricks.emulator.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No credential ever reaches a log line, an exception, a report, a toString() or the suite's own output. A battery
 * of deploys and failures runs with distinctive secrets — a token, a user's password, wrong ones, a proxy password —
 * including servers and proxies that echo the credentials back in their error pages; every artefact it produces is
 * collected, along with the surefire reports already written by this run, and scanned for each secret in raw,
 * Base64 ({@code user:password}, {@code token:<PAT>}) and URL-encoded form. The scanner is proven by a planted hit.
 */
class SecretHygieneTest {

    private static final String USER = "deployer@example.com";
    private static final String PASSWORD = "Zebra-Pa55w0rd/x9+q";
    private static final String WRONG_PASSWORD = "Walrus-Wr0ngPw/7+z";
    private static final String WRONG_TOKEN = "dapiWRONG0123456789abcdef0123456789ab";
    private static final String PROXY_USER = "proxy-user";
    private static final String PROXY_PASSWORD = "Kiwi-Pr0xy/S3cret+1";

    /** Name of the artefact → its text. */
    private final Map<String, String> evidence = new LinkedHashMap<>();

    @TempDir
    Path tmp;

    @Test
    void noSecretReachesAnyArtefact() throws Exception {
        Set<String> secrets = new LinkedHashSet<>(List.of(PASSWORD, WRONG_PASSWORD, WRONG_TOKEN, PROXY_PASSWORD));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(tee(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err, console), true, StandardCharsets.UTF_8));
        try (Rig rig = new Rig(tmp)) {
            rig.emulator.addUser(USER, PASSWORD);
            String token = rig.emulator.token();
            secrets.add(token);
            runBattery(rig, token, secrets);
            evidence.put("emulator journal", rig.emulator.journal().entries().toString());
            runBoundary(tmp.resolve("boundary"), secrets);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        evidence.put("console output of the battery", console.toString(StandardCharsets.UTF_8));
        addSurefireReports();

        Map<String, String> forms = forms(secrets);
        assertThat(hits(Map.of("planted", "xx " + forms.keySet().iterator().next() + " xx"), forms))
                .as("the scanner finds a planted secret")
                .hasSize(1);
        List<String> hits = hits(evidence, forms);
        System.out.println("Secret hygiene: scanned " + evidence.size() + " artefacts ("
                + evidence.values().stream().mapToInt(String::length).sum() + " characters) for "
                + forms.size() + " secret forms: " + hits.size() + " hits");
        assertThat(evidence.size()).isGreaterThan(60);
        assertThat(hits).as("secrets found").isEmpty();
    }

    private void runBattery(Rig rig, String token, Set<String> secrets) throws Exception {
        // 1. A full deploy with a token, smoke command included.
        rig.jar("1.0");
        deploy(rig, "bearer deploy", rig.deployer(), rig.spec(Rig.ETL, Rig.ML).smokeCommand("#emulator: print=ok"));

        // 2. A full deploy with user and password.
        rig.jar("2.0");
        Rest12Gateway basic = rig.gateway(Auth.basic(USER, PASSWORD), Duration.ofSeconds(5));
        deploy(
                rig,
                "basic deploy",
                rig.deployer(basic),
                rig.spec(Rig.ETL, Rig.ML).auth(WorkspaceAuth.basic(USER, PASSWORD)));
        objects("basic", basic, WorkspaceAuth.basic(USER, PASSWORD), Auth.basic(USER, PASSWORD));

        // 3. A wrong token, a wrong password (401), each at pre-flight.
        rig.jar("3.0");
        deploy(
                rig,
                "wrong token",
                rig.deployer(rig.gateway(Auth.bearer(WRONG_TOKEN), Duration.ofSeconds(5))),
                rig.spec(Rig.ETL).auth(WorkspaceAuth.bearer(WRONG_TOKEN)));
        deploy(
                rig,
                "wrong password",
                rig.deployer(rig.gateway(Auth.basic(USER, WRONG_PASSWORD), Duration.ofSeconds(5))),
                rig.spec(Rig.ETL).auth(WorkspaceAuth.basic(USER, WRONG_PASSWORD)));

        // 4. The token expires mid-deploy: 403 as JSON, then as the Jetty HTML page.
        for (Settings.ForbiddenStyle style : Settings.ForbiddenStyle.values()) {
            String current = rig.emulator.token();
            secrets.add(current);
            rig.emulator.settings().forbiddenStyle(style);
            rig.jar("4." + style.ordinal());
            rig.onLine = once("Attached library", () -> rig.emulator.expireToken());
            deploy(
                    rig,
                    "token expires mid-deploy, 403 " + style,
                    rig.deployer(rig.gateway(Auth.bearer(current), Duration.ofSeconds(5))),
                    rig.spec(Rig.ETL, Rig.ML).auth(WorkspaceAuth.bearer(current)));
            rig.onLine = line -> {};
            secrets.add(rig.emulator.token());
        }

        // 5. Servers that echo the credentials back, in every shape of answer the client reads.
        EchoServer server = new EchoServer();
        for (Echo echo : List.of(Echo.JSON_500, Echo.HTML_401, Echo.HTML_200, Echo.NOT_JSON_200, Echo.HEADER_403)) {
            server.mode = echo;
            {
                for (Auth auth : List.of(Auth.bearer(token), Auth.basic(USER, PASSWORD), Auth.basicToken(token))) {
                    try (Rest12Client client = HttpTransport.builder(server.url())
                            .auth(auth)
                            .retryPolicy(RetryPolicy.none())
                            .build(Rest12Client::new)) {
                        client.listClusters();
                        evidence.put("echo " + echo + " " + auth.scheme() + ": no failure", "");
                    } catch (IOException e) {
                        throwable("echo " + echo + " " + auth, e);
                    }
                }
            }
        }

        // 6. A proxy that asks for credentials and then echoes them in its refusal.
        server.mode = Echo.PROXY;
        {
            ProxySettings settings =
                    new ProxySettings("127.0.0.1", server.port(), PROXY_USER, PROXY_PASSWORD, List.of());
            try (Rest12Client client = HttpTransport.builder("http://dbc-1.cloud.databricks.com")
                    .allowInsecureHttp(true)
                    .auth(Auth.bearer(token))
                    .proxy(settings)
                    .retryPolicy(RetryPolicy.none())
                    .build(Rest12Client::new)) {
                objects("proxy", settings, client);
                client.listClusters();
            } catch (IOException e) {
                throwable("proxy echoing its credentials", e);
            }
        }
        server.close();

        // 7. Credentials pasted into the URL.
        String pasted = "https://" + USER + ":" + PASSWORD + "@dbc-1.cloud.databricks.com";
        capture(
                "password in the URL (spec)",
                () -> DeploySpec.builder()
                        .workspaceUrl(pasted)
                        .jar("a.jar")
                        .clusters("x")
                        .build());
        capture(
                "password in the URL (client)",
                () -> HttpTransport.builder(pasted).auth(Auth.bearer(token)).build(Rest12Client::new));
        capture(
                "token in the URL (client)",
                () -> HttpTransport.builder("https://token:" + token + "@dbc-1.net")
                        .auth(Auth.bearer(token))
                        .build(Rest12Client::new));

        // 8. Everything a person might print.
        DeploySpec spec = rig.spec(Rig.ETL).auth(WorkspaceAuth.bearer(token)).build();
        Rest12Gateway gateway = rig.gateway();
        objects(
                "objects",
                spec,
                spec.auth().orElseThrow(),
                Auth.bearer(token),
                Auth.basicToken(token),
                gateway,
                gateway.describe(),
                rig.retries(),
                rig.client(Auth.bearer(token), Duration.ofSeconds(1)));

        // 9. Service principals: OAuth M2M, federation and Entra ID, good and refused, a secret revoked mid-deploy,
        // a token endpoint that echoes the whole request back.
        oauthBattery(rig, secrets);
    }

    private static final String SP = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
    private static final String SP_SECRET = "doseHyg1ene/Secret+m2m~0123";
    private static final String AZ_TENANT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String AZ_SECRET = "Az~Hyg1ene.Secret/xyz+9";
    private static final String ISSUER = "https://ci.example.com/oidc";
    private static final String JOB = "https://ci.example.com/job/deploy/";

    private void oauthBattery(Rig rig, Set<String> secrets) throws Exception {
        secrets.add(SP_SECRET);
        secrets.add(AZ_SECRET);
        secrets.add(Base64.getEncoder().encodeToString((SP + ":" + SP_SECRET).getBytes(StandardCharsets.UTF_8)));
        OidcIssuer jenkins = new OidcIssuer(ISSUER, "deploy");
        rig.emulator
                .oauth()
                .servicePrincipal(SP, SP_SECRET)
                .entraApplication(AZ_TENANT, SP, AZ_SECRET)
                .accessTokenLifetime(Duration.ofMinutes(6))
                .federationPolicy(new EmulatedOAuth.FederationPolicy(SP, ISSUER, "databricks", JOB, jenkins.jwks()));
        rig.emulator.settings().restartDuration(Duration.ofMinutes(8));
        List<Auth> used = new ArrayList<>();
        java.util.function.Function<Auth, Auth> watched = auth -> {
            used.add(auth.onSecret(secrets::add));
            return auth;
        };
        java.util.function.Supplier<String> idToken = () -> {
            String t = jenkins.idToken("databricks", JOB, rig.clock.instant(), Duration.ofHours(1));
            secrets.add(t);
            return t;
        };
        String wrongAudience = jenkins.idToken("someone-else", JOB, rig.clock.instant(), Duration.ofHours(1));
        String expired =
                jenkins.idToken("databricks", JOB, rig.clock.instant().minus(Duration.ofHours(3)), Duration.ofHours(1));
        String forged =
                new OidcIssuer(ISSUER, "deploy").idToken("databricks", JOB, rig.clock.instant(), Duration.ofHours(1));
        secrets.addAll(List.of(wrongAudience, expired, forged));

        Map<String, Auth> methods = new LinkedHashMap<>();
        methods.put("m2m", watched.apply(AuthFromCredential.servicePrincipal(SP, SP_SECRET, null, null)));
        methods.put("federation", watched.apply(AuthFromCredential.federation(idToken::get, SP)));
        methods.put(
                "entra",
                watched.apply(AuthFromCredential.servicePrincipal(SP, AZ_SECRET, AZ_TENANT, rig.emulator.url())));
        methods.put(
                "m2m wrong secret",
                watched.apply(AuthFromCredential.servicePrincipal(SP, "dose" + WRONG_PASSWORD, null, null)));
        methods.put(
                "entra wrong secret",
                watched.apply(
                        AuthFromCredential.servicePrincipal(SP, "x" + WRONG_PASSWORD, AZ_TENANT, rig.emulator.url())));
        methods.put("federation wrong audience", watched.apply(AuthFromCredential.federation(() -> wrongAudience, SP)));
        methods.put("federation expired", watched.apply(AuthFromCredential.federation(() -> expired, SP)));
        methods.put("federation forged", watched.apply(AuthFromCredential.federation(() -> forged, SP)));
        secrets.add("dose" + WRONG_PASSWORD);
        secrets.add("x" + WRONG_PASSWORD);
        int n = 0;
        for (Map.Entry<String, Auth> m : methods.entrySet()) {
            rig.jar("9." + n++);
            deploy(
                    rig,
                    "oauth " + m.getKey(),
                    rig.deployer(rig.gateway(m.getValue(), Duration.ofSeconds(5))),
                    rig.spec(Rig.ETL, Rig.ML)
                            .auth(WorkspaceAuth.of(m.getValue()))
                            .restart("always"));
            objects(
                    "oauth " + m.getKey(),
                    m.getValue(),
                    WorkspaceAuth.of(m.getValue()),
                    m.getValue().method());
        }

        // The secret is revoked while the deploy waits for the restart: the next token request is refused.
        Auth revoked = watched.apply(AuthFromCredential.servicePrincipal(SP, SP_SECRET, null, null));
        rig.jar("9.revoked");
        rig.onLine = once("Attached library", () -> {
            rig.emulator.oauth().revokeSecret(SP);
            rig.emulator.oauth().revokeAccessTokens();
        });
        deploy(
                rig,
                "oauth secret revoked mid-deploy",
                rig.deployer(rig.gateway(revoked, Duration.ofSeconds(5))),
                rig.spec(Rig.ETL, Rig.ML).auth(WorkspaceAuth.of(revoked)));
        rig.onLine = line -> {};
        secrets.addAll(rig.emulator.oauth().liveTokens());

        // A token endpoint that echoes the request (form body, Authorization header) in its error.
        try (TokenEcho echo = new TokenEcho()) {
            for (Auth auth : List.of(
                    AuthFromCredential.servicePrincipal(SP, SP_SECRET, null, null),
                    AuthFromCredential.servicePrincipal(SP, AZ_SECRET, AZ_TENANT, echo.url()),
                    AuthFromCredential.federation(idToken::get, SP))) {
                try (Rest12Client client = HttpTransport.builder(echo.url())
                        .auth(auth)
                        .retryPolicy(RetryPolicy.none())
                        .build(Rest12Client::new)) {
                    client.listClusters();
                    evidence.put("token echo " + auth + ": no failure", "");
                } catch (IOException e) {
                    throwable("token echo " + auth, e);
                }
            }
            evidence.put("token echo: what it was sent", String.valueOf(echo.requests.size()));
        }
        for (Auth auth : used) {
            secrets.addAll(auth.secrets());
        }
        assertThat(used.stream()
                        .flatMap(a -> a.secrets().stream())
                        .filter(t -> t.startsWith("dbo") || t.startsWith("aad")))
                .as("minted tokens were registered")
                .hasSizeGreaterThanOrEqualTo(4);
        evidence.put("oauth emulator journal", rig.emulator.journal().entries().toString());
    }

    /** Discovery pointing at itself, and a token endpoint answering 401 with the request quoted back. */
    private static final class TokenEcho implements AutoCloseable {
        private final HttpServer server;
        final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        TokenEcho() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                requests.add(exchange.getRequestURI().getPath());
                String answer;
                int status;
                if (exchange.getRequestURI().getPath().endsWith("oauth-authorization-server")) {
                    status = 200;
                    answer = "{\"token_endpoint\":\"" + url() + "/oidc/v1/token\"}";
                } else {
                    status = 401;
                    String quoted = ("body " + body + " authorization " + authorization)
                            .replace("\\", "\\\\")
                            .replace("\"", "\\\"");
                    answer = "{\"error\":\"invalid_client " + quoted + "\",\"error_description\":\"You sent: " + quoted
                            + "\"}";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /**
     * Smoke output that prints the credentials (the user's code on the cluster can read anything), and a token the
     * auth layer minted during the deploy: what Jenkins receives through the front end's one boundary. A rig of its
     * own: the command sent to Databricks holds the secrets by design, so that emulator's journal is no evidence.
     */
    private void runBoundary(Path dir, Set<String> secrets) throws Exception {
        try (Rig rig = new Rig(Files.createDirectories(dir))) {
            String current = rig.emulator.token();
            String minted = "eyJhbGciOiJSUzI1NiJ9.minted-during-the-deploy.c2lnbmF0dXJl";
            secrets.add(current);
            secrets.add(minted);
            RedactingOutput output = RedactingOutput.of(WorkspaceAuth.bearer(current))
                    .withProxy(new ProxySettings("proxy.example", 3128, PROXY_USER, PROXY_PASSWORD, List.of()));
            output.redactor().add(minted);
            ByteArrayOutputStream buildLog = new ByteArrayOutputStream();
            Deployer boundary =
                    rig.deployer(rig.workspace, output.log(new PrintStream(buildLog, true, StandardCharsets.UTF_8)));
            String echo = "#emulator: print=token " + current + " minted " + minted + " proxy " + PROXY_PASSWORD;
            rig.jar("9.0");
            DeployReport shown = output.report(boundary.deploy(rig.spec(Rig.ETL)
                    .auth(WorkspaceAuth.bearer(current))
                    .smokeCommand(echo)
                    .build()));
            assertThat(shown.smoke())
                    .singleElement()
                    .satisfies(s -> assertThat(s.output()).isEqualTo("token **** minted **** proxy ****"));
            report("boundary: smoke prints secrets", shown);
            evidence.put(
                    "boundary: step result",
                    DeployResult.toMap("prod", DatabricksApi.REST_1_2, shown).toString());
            evidence.put(
                    "boundary: environment",
                    DeployResult.environment(shown, DatabricksApi.REST_1_2).toString());
            rig.jar("9.1");
            try {
                boundary.deploy(rig.spec(Rig.ETL)
                        .auth(WorkspaceAuth.bearer(current))
                        .smokeCommand(echo)
                        .smokeExpect("something else")
                        .build());
                evidence.put("boundary: failing smoke accepted", "");
            } catch (DeployException e) {
                e.report().ifPresent(r -> report("boundary: failed smoke", output.report(r)));
                evidence.put("boundary: failure message", output.text(e.getMessage()));
            }
            evidence.put("boundary: build log", buildLog.toString(StandardCharsets.UTF_8));
            assertThat(buildLog.toString(StandardCharsets.UTF_8)).contains("[databricks]");
        }
    }

    // ------------------------------------------------------------------------------------------ capture

    private void deploy(Rig rig, String name, Deployer deployer, DeploySpec.Builder spec) {
        rig.log.clear();
        try {
            DeployReport report = deployer.deploy(spec.build());
            report(name, report);
        } catch (DeployException e) {
            e.report().ifPresent(r -> report(name, r));
            throwable(name, e);
        } catch (Exception e) {
            throwable(name, e);
        } finally {
            Thread.interrupted();
            evidence.put(name + ": log", rig.logText());
        }
    }

    private void report(String name, DeployReport report) {
        evidence.put(name + ": report JSON", report.toJson());
        evidence.put(name + ": report summary", report.summary());
        evidence.put(name + ": report toString", report.toString());
    }

    private void throwable(String name, Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n').append(t).append('\n');
            for (Throwable s : t.getSuppressed()) {
                messages.append(s).append('\n');
            }
        }
        evidence.put(name + ": exception messages", messages.toString());
        evidence.put(name + ": stack trace", trace.toString());
    }

    @FunctionalInterface
    private interface Attempt {
        void run() throws Exception;
    }

    private void capture(String name, Attempt attempt) {
        try {
            attempt.run();
            evidence.put(name + ": accepted", "");
        } catch (Exception e) {
            throwable(name, e);
        }
    }

    private void objects(String name, Object... objects) {
        for (int i = 0; i < objects.length; i++) {
            evidence.put(name + " toString #" + i, String.valueOf(objects[i]));
        }
    }

    /** Every surefire report this run has written so far (the classes that ran before this one). */
    private void addSurefireReports() throws IOException {
        Path reports = Path.of("target", "surefire-reports");
        if (!Files.isDirectory(reports)) {
            return;
        }
        try (Stream<Path> files = Files.list(reports)) {
            for (Path f : files.filter(
                            p -> p.toString().endsWith(".txt") || p.toString().endsWith(".xml"))
                    .toList()) {
                evidence.put("surefire " + f.getFileName(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ scanning

    /** Each secret as it could leak: raw, URL-encoded, Base64, and inside Basic credentials. */
    private static Map<String, String> forms(Set<String> secrets) {
        Map<String, String> forms = new LinkedHashMap<>();
        Base64.Encoder b64 = Base64.getEncoder();
        for (String s : secrets) {
            forms.put(s, "raw");
            forms.put(URLEncoder.encode(s, StandardCharsets.UTF_8), "URL-encoded");
            forms.put(b64.encodeToString(s.getBytes(StandardCharsets.UTF_8)), "Base64");
            forms.put(b64.encodeToString(("token:" + s).getBytes(StandardCharsets.UTF_8)), "Basic token:<secret>");
            forms.put(b64.encodeToString((USER + ":" + s).getBytes(StandardCharsets.UTF_8)), "Basic user:<secret>");
            forms.put(b64.encodeToString((PROXY_USER + ":" + s).getBytes(StandardCharsets.UTF_8)), "Basic proxy");
        }
        return forms;
    }

    private static List<String> hits(Map<String, String> artefacts, Map<String, String> forms) {
        List<String> hits = new ArrayList<>();
        artefacts.forEach((name, text) -> forms.forEach((form, kind) -> {
            if (text.contains(form)) {
                hits.add(name + " contains a secret (" + kind + ")");
            }
        }));
        return hits;
    }

    private static Consumer<String> once(String marker, Runnable action) {
        boolean[] done = {false};
        return line -> {
            if (!done[0] && line.contains(marker)) {
                done[0] = true;
                action.run();
            }
        };
    }

    private static OutputStream tee(OutputStream a, OutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int x) throws IOException {
                a.write(x);
                b.write(x);
            }

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                a.write(buf, off, len);
                b.write(buf, off, len);
            }
        };
    }

    // ------------------------------------------------------------------------------------------ echo servers

    /** How a hostile or misconfigured server (or proxy) hands the credentials back. */
    enum Echo {
        JSON_500,
        HTML_401,
        HTML_200,
        NOT_JSON_200,
        HEADER_403,
        PROXY
    }

    /** A raw JDK server on loopback that answers every request by echoing its Authorization header. */
    private static final class EchoServer implements AutoCloseable {
        private final HttpServer server;
        volatile Echo mode = Echo.JSON_500;

        EchoServer() throws IOException {
            // a plain http test server on loopback, which the client refuses without this (WorkspaceUrl)
            System.setProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY, "true");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            server.createContext("/", exchange -> answer(mode, exchange));
            server.start();
        }

        private static void answer(Echo echo, HttpExchange exchange) throws IOException {
            exchange.getRequestBody().readAllBytes();
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String proxyAuth = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
            String secret = auth + " " + auth.substring(auth.indexOf(' ') + 1);
            int status;
            String type;
            String body;
            switch (echo) {
                case JSON_500 -> {
                    status = 500;
                    type = "application/json";
                    body = "{\"error\":\"BadCredentialsException: rejected " + secret + "\"}";
                }
                case HTML_401 -> {
                    status = 401;
                    type = "text/html";
                    body = "<html><body><h2>HTTP ERROR 401</h2><p>Authorization: " + secret + "</p></body></html>";
                }
                case HTML_200 -> {
                    status = 200;
                    type = "text/html";
                    body = "<html><head><title>Debug " + secret + "</title></head><body>" + secret + "</body></html>";
                }
                case NOT_JSON_200 -> {
                    status = 200;
                    type = "application/json";
                    body = auth.substring(auth.indexOf(' ') + 1) + " is not JSON";
                }
                case HEADER_403 -> {
                    status = 403;
                    type = "text/plain";
                    exchange.getResponseHeaders().add("X-Databricks-Reason-Phrase", "Invalid access token " + secret);
                    body = secret;
                }
                default -> {
                    if (proxyAuth == null) {
                        exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"proxy\"");
                        status = 407;
                        type = "text/plain";
                        body = "proxy authentication required";
                    } else {
                        status = 403;
                        type = "text/html";
                        body = "<html><body>Denied for " + proxyAuth + " / "
                                + proxyAuth.substring(proxyAuth.indexOf(' ') + 1) + "</body></html>";
                    }
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        String url() {
            return "http://127.0.0.1:" + port();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            // stop() waits up to a second for the dispatcher; let it finish in the background.
            Thread closer = new Thread(() -> server.stop(0), "echo-server-closer");
            closer.setDaemon(true);
            closer.start();
        }
    }
}
