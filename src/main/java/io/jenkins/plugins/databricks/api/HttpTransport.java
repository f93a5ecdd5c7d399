package io.jenkins.plugins.databricks.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.databricks.api.auth.TokenHttp;
import io.jenkins.plugins.databricks.api.auth.TokenRequestException;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP side of every Databricks call, whatever the API version, in one place: the pooled connection manager,
 * timeouts, proxy, user agent, pre-emptive authentication, the retry loop driven by {@link RetryPolicy}, streamed
 * request bodies, size-limited response reading, redaction of credentials and turning every failure into a
 * {@link DatabricksApiException}. One {@link Builder} configures it; the typed clients of each API (the
 * {@code rest12} and {@code rest2} packages) are made from it and describe each call with an {@link ApiCall}.
 * Thread-safe; owns a connection pool, so close it (or the client made from it) when done.
 */
public final class HttpTransport implements Closeable {

    /** Default largest answer the client will parse: 16 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    /** The one JSON mapper: unknown fields ignored, streams left open for the transport to drain. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            // The transport decides when a response stream ends: it reads to the end (bounded) to reuse the connection.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Error bodies are only read this far: enough for any real message, bounded for a hostile server. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    /** Reads a successful response body. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /** Reads a successful response from its status line and headers and its body (empty for HEAD). */
    @FunctionalInterface
    public interface ResponseReader<T> {
        T read(HttpResponse head, InputStream body) throws IOException;
    }

    /** Creates a fresh request for each attempt (an upload re-opens its source). */
    @FunctionalInterface
    public interface RequestFactory {
        HttpUriRequestBase create(URI uri) throws IOException;
    }

    private final WorkspaceUrl workspace;
    private final Auth auth;
    private final RetryPolicy retryPolicy;
    private final long maxResponseBytes;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient http;
    private final RequestConfig uploadConfig;
    /** The proxy's credentials in the shape {@link Auth#redact} removes; null without proxy credentials. */
    private final Auth proxyRedaction;

    private final RetryListener retryListener;
    private final String userAgent;
    private final TokenHttp tokenHttp = new TokenRequests();

    private HttpTransport(
            WorkspaceUrl workspace,
            Auth auth,
            RetryPolicy retryPolicy,
            Duration connectTimeout,
            Duration responseTimeout,
            ProxySettings proxy,
            String userAgent,
            long maxResponseBytes,
            int maxConnections,
            RetryListener retryListener) {
        HttpClientLogGuard.install(); // HttpClient's own loggers must never print a credential
        this.workspace = workspace;
        this.retryListener = retryListener;
        this.userAgent = userAgent;
        this.auth = auth;
        this.retryPolicy = retryPolicy;
        this.maxResponseBytes = maxResponseBytes;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                // Certificates and host names are always verified against the JVM's trust store.
                .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        // A pooled connection idle for a while is checked before reuse, so a server-side close
                        // does not surface as a failed (and, for a POST, unretryable) request.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .build();
        RequestConfig defaults = RequestConfig.custom()
                .setResponseTimeout(Timeout.of(responseTimeout))
                .setConnectionRequestTimeout(Timeout.of(responseTimeout))
                .setRedirectsEnabled(false)
                .build();
        // Databricks' Jetty closed multipart uploads that did not ask for 100-continue first.
        this.uploadConfig =
                RequestConfig.copy(defaults).setExpectContinueEnabled(true).build();
        HttpClientBuilder builder = HttpClientBuilder.create()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(defaults)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .setUserAgent(userAgent);
        this.proxyRedaction = proxy != null
                        && proxy.hasCredentials()
                        && proxy.password() != null
                        && proxy.username().indexOf(':') < 0
                ? Auth.basic(proxy.username(), proxy.password())
                : null;
        if (proxy != null) {
            HttpHost proxyHost = new HttpHost(proxy.host(), proxy.port());
            builder.setRoutePlanner(new ProxyRoutePlanner(proxy, proxyHost));
            if (proxy.hasCredentials()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                String pw = proxy.password() == null ? "" : proxy.password();
                credentials.setCredentials(
                        new AuthScope(proxyHost), new UsernamePasswordCredentials(proxy.username(), pw.toCharArray()));
                builder.setDefaultCredentialsProvider(credentials);
            }
        }
        this.http = builder.build();
    }

    /** Starts a transport for the workspace at {@code workspaceUrl} (normalised by {@link WorkspaceUrl}). */
    public static Builder builder(String workspaceUrl) {
        return new Builder(workspaceUrl);
    }

    /** The normalised workspace URL. */
    public WorkspaceUrl workspace() {
        return workspace;
    }

    /** The User-Agent sent with every request. */
    public String userAgent() {
        return userAgent;
    }

    /** A GET request with the query {@code params} (name, value, name, value...). */
    public static RequestFactory get(String... params) {
        return uri -> new HttpGet(withQuery(uri, params));
    }

    /** A POST request carrying {@code entity}, created afresh for each attempt. */
    public static RequestFactory post(EntityFactory entity) {
        return uri -> {
            HttpPost post = new HttpPost(uri);
            post.setEntity(entity.create());
            return post;
        };
    }

    /**
     * A request with any method, an optional body ({@code entity} may be {@code null}) created afresh for each
     * attempt, and the query {@code params} (name, value, name, value...).
     */
    public static RequestFactory request(String method, EntityFactory entity, String... params) {
        return uri -> {
            HttpUriRequestBase request = new HttpUriRequestBase(method, withQuery(uri, params));
            if (entity != null) {
                request.setEntity(entity.create());
            }
            return request;
        };
    }

    /** Creates the body of a POST for one attempt. */
    @FunctionalInterface
    public interface EntityFactory {
        HttpEntity create() throws IOException;
    }

    private static URI withQuery(URI uri, String... params) throws IOException {
        URIBuilder query = new URIBuilder(uri);
        for (int i = 0; i < params.length; i += 2) {
            query.addParameter(params[i], params[i + 1]);
        }
        try {
            return query.build();
        } catch (URISyntaxException e) {
            throw new IOException("could not build the query for " + uri, e);
        }
    }

    /**
     * What one attempt produced: a value; an error answer ({@code error}, perhaps worth retrying); or a 2xx answer we
     * cannot use ({@code unusable}, never retried), which {@code html} tells apart from a bad or oversized JSON one.
     */
    private record Outcome<T>(
            T value, int status, ServerError error, String retryAfter, String unusable, boolean html) {

        static <T> Outcome<T> value(T value, int status) {
            return new Outcome<>(value, status, null, null, null, false);
        }

        static <T> Outcome<T> error(int status, ServerError error, String retryAfter) {
            return new Outcome<>(null, status, error, retryAfter, null, false);
        }

        static <T> Outcome<T> unusable(int status, String reason, boolean html) {
            return new Outcome<>(null, status, null, null, reason, html);
        }

        boolean ok() {
            return unusable == null && error == null;
        }
    }

    /**
     * Makes {@code call}, retrying as {@link RetryPolicy} allows, and reads a successful answer with {@code reader}.
     * {@code upload} asks for {@code 100-continue} before a (large) body is sent.
     *
     * @throws DatabricksApiException for an error answer, an unusable one, or none at all
     */
    public <T> T call(ApiCall endpoint, RequestFactory factory, BodyReader<T> reader, boolean upload)
            throws IOException {
        return callWithHeaders(endpoint, factory, (head, body) -> reader.read(body), upload);
    }

    /** {@link #call}, for answers whose headers matter (e.g. HEAD: size and last-modified). */
    public <T> T callWithHeaders(ApiCall endpoint, RequestFactory factory, ResponseReader<T> reader, boolean upload)
            throws IOException {
        URI uri = workspace.resolve(endpoint.path());
        Instant first = retryPolicy.clock().instant();
        int attempt = 0;
        boolean retriedWithFreshToken = false;
        while (true) {
            attempt++;
            Auth.Credential credential = credential();
            HttpUriRequestBase request = factory.create(uri);
            request.setHeader(HttpHeaders.AUTHORIZATION, credential.header());
            request.setHeader(HttpHeaders.ACCEPT, "application/json");
            if (upload) {
                request.setConfig(uploadConfig);
            }
            RetryPolicy.Failure failure;
            Outcome<T> outcome = null;
            IOException ioError = null;
            try {
                outcome = CancellableExchange.run(endpoint.description(), request, () -> exchange(request, reader));
            } catch (UploadSourceBody.LocalSourceException | CancellableExchange.Cancelled e) {
                throw e;
            } catch (IOException e) {
                ioError = e;
            }
            if (outcome != null && outcome.ok()) {
                return outcome.value();
            }
            if (outcome != null && outcome.unusable() != null) {
                throw new DatabricksApiException(
                        endpoint.description(),
                        outcome.status(),
                        attempt,
                        null,
                        outcome.unusable(),
                        DatabricksApiException.hintFor(
                                endpoint,
                                outcome.status(),
                                new ServerError(null, outcome.unusable(), outcome.html()),
                                outcome.html()),
                        null);
            }
            if (outcome != null && outcome.status() == 401 && auth.refreshable() && !retriedWithFreshToken) {
                // A minted token that should still be valid was refused (revoked, or the clocks disagree): one more
                // try with a new one. A 401 is answered before the request is acted on, so any call may repeat.
                retriedWithFreshToken = true;
                auth.rejected(credential);
                continue;
            }
            failure = outcome != null
                    ? RetryPolicy.Failure.http(outcome.status(), outcome.error().message(), retryAfter(outcome))
                    : RetryPolicy.Failure.io(ioError);
            Optional<Duration> delay = retryPolicy.delayBeforeRetry(failure, endpoint.safeToRepeat(), attempt, first);
            if (delay.isEmpty()) {
                throw outcome != null ? httpError(endpoint, attempt, outcome) : ioError(endpoint, attempt, ioError);
            }
            retryListener.retrying(endpoint.description(), attempt, delay.get(), describe(outcome, ioError));
            try {
                retryPolicy.sleeper().sleep(delay.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException interrupted =
                        new InterruptedIOException(endpoint.description() + " interrupted while waiting to retry");
                interrupted.initCause(e);
                throw interrupted;
            }
        }
    }

    /** The {@code Retry-After} header, else the 2.x body's {@code RetryInfo.retry_delay} in whole seconds. */
    private static String retryAfter(Outcome<?> outcome) {
        if (outcome.retryAfter() != null) {
            return outcome.retryAfter();
        }
        Duration delay = outcome.error().retryDelay();
        if (delay == null) {
            return null;
        }
        long seconds = delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
        return String.valueOf(seconds);
    }

    /** The Authorization header for one attempt; a refused token request fails the call with its own message. */
    private Auth.Credential credential() throws IOException {
        try {
            return auth.credential(tokenHttp);
        } catch (TokenRequestException e) {
            throw DatabricksApiException.tokenRefused(e);
        }
    }

    private String describe(Outcome<?> outcome, IOException ioError) {
        if (outcome != null) {
            String message = outcome.error().message();
            return "HTTP " + outcome.status() + (message.isEmpty() ? "" : ": " + message);
        }
        String detail = ioError.getMessage() == null ? "" : ": " + redact(ioError.getMessage());
        return ioError.getClass().getSimpleName() + detail;
    }

    private DatabricksApiException httpError(ApiCall endpoint, int attempts, Outcome<?> outcome) {
        ServerError e = outcome.error();
        String message = e.message().isEmpty() ? null : e.message();
        return new DatabricksApiException(
                endpoint.description(),
                outcome.status(),
                attempts,
                e.errorCode(),
                message,
                e.reason(),
                e.requestId(),
                DatabricksApiException.hintFor(endpoint, outcome.status(), e, false),
                null);
    }

    private DatabricksApiException ioError(ApiCall endpoint, int attempts, IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : redact(e.getMessage());
        String message;
        String hint = null;
        if (e instanceof ConnectTimeoutException) {
            message = "could not connect to " + workspace.uri().getHost() + " within " + connectTimeout.toMillis()
                    + " ms";
            hint = "Check the workspace URL and the network or proxy settings, or raise the connect timeout";
        } else if (e instanceof SocketTimeoutException) {
            message = "no answer within the response timeout of " + responseTimeout.toMillis() + " ms";
            hint = "The server is slow or overloaded; raise the response timeout if this persists";
        } else if (e instanceof UnknownHostException) {
            message = "unknown host " + workspace.uri().getHost();
            hint = "Check the workspace URL (and the proxy settings, if the workspace is only reachable through one)";
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            message = "could not connect to " + workspace.uri().getHost() + ": " + detail;
            hint = "Check the workspace URL and the network or proxy settings";
        } else if (e instanceof SSLException) {
            message = "the TLS connection failed: " + detail;
            hint = "If the server's certificate is issued by a private CA, add that CA to the Java trust store of the"
                    + " Jenkins controller";
        } else {
            message = "the connection failed: " + detail;
        }
        if (!endpoint.safeToRepeat() && !RetryPolicy.Failure.io(e).requestNeverSent() && !(e instanceof SSLException)) {
            hint = "Not retried, because the request may already have reached the server (repeating "
                    + endpoint.description() + " could apply it twice); check the workspace before trying again";
        }
        return new DatabricksApiException(endpoint.description(), 0, attempts, null, message, hint, e);
    }

    /** Sends one request and reads its answer; the connection goes back to the pool only when fully read. */
    private <T> Outcome<T> exchange(HttpUriRequestBase request, ResponseReader<T> reader) throws IOException {
        // executeOpen, not a response handler: a handler would drain an oversized answer, which read() must cancel.
        ClassicHttpResponse response = http.executeOpen(null, request, null);
        try {
            return read(response, reader, request);
        } finally {
            try {
                response.close();
            } catch (IOException ignored) {
                // The connection is discarded either way; the outcome is already decided.
            }
        }
    }

    private <T> Outcome<T> read(ClassicHttpResponse response, ResponseReader<T> reader, HttpUriRequestBase request)
            throws IOException {
        int status = response.getCode();
        HttpEntity entity = response.getEntity();
        if (status >= 200 && status < 300) {
            if (entity != null && entity.getContentLength() > maxResponseBytes) {
                request.cancel();
                return Outcome.unusable(status, tooLarge(entity.getContentLength() + " bytes"), false);
            }
            if (entity != null && isHtml(entity)) {
                String page = readText(entity, request);
                return Outcome.unusable(
                        status,
                        "expected JSON but got a web page ("
                                + ServerError.parse(redact(page), null, MAPPER).message() + ")",
                        true);
            }
            InputStream raw = entity == null ? null : entity.getContent();
            InputStream body =
                    new LimitedInputStream(raw == null ? InputStream.nullInputStream() : raw, maxResponseBytes);
            try {
                T value = reader.read(response, body);
                // Read to the end (still bounded) so the connection can be reused.
                body.transferTo(OutputStream.nullOutputStream());
                return Outcome.value(value, status);
            } catch (ResponseTooLargeException e) {
                request.cancel();
                return Outcome.unusable(status, tooLarge("more than " + maxResponseBytes + " bytes"), false);
            } catch (JsonProcessingException e) {
                request.cancel();
                return Outcome.unusable(
                        status, "the answer is not the expected JSON: " + redact(e.getOriginalMessage()), false);
            }
        }
        String text = entity == null ? "" : readText(entity, request);
        Header retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        Header reason = response.getFirstHeader("X-Databricks-Reason-Phrase");
        ServerError error = ServerError.parse(
                redact(text), redact(reason == null ? response.getReasonPhrase() : reason.getValue()), MAPPER);
        Header location = response.getFirstHeader(HttpHeaders.LOCATION);
        if (status >= 300 && status < 400 && location != null) {
            // Redirects are not followed: a POST would lose its body, and the target is usually a sign-in page.
            error = new ServerError(null, "redirected to " + redact(location.getValue()), false);
        }
        return Outcome.error(status, error, retryAfter == null ? null : retryAfter.getValue());
    }

    /**
     * Removes the credentials from text a server (or proxy) sent back: a page or error that echoes the request's
     * headers must not carry the token, the password or the proxy password into a message.
     */
    private String redact(String text) {
        String out = auth.redact(text);
        if (out != null && proxyRedaction != null) {
            out = proxyRedaction.redact(out);
        }
        return out;
    }

    private String tooLarge(String size) {
        return "the answer is too large (" + size + "; the client reads at most " + maxResponseBytes
                + " bytes), refusing to parse it";
    }

    private static boolean isHtml(HttpEntity entity) {
        String type = entity.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html");
    }

    /**
     * Up to {@link #ERROR_BODY_LIMIT} bytes of the body as text, in its declared charset (UTF-8 if none). A longer body
     * is not drained: the connection is dropped instead.
     */
    private static String readText(HttpEntity entity, HttpUriRequestBase request) throws IOException {
        ContentType type = ContentType.parseLenient(entity.getContentType());
        Charset charset = type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        InputStream in = entity.getContent();
        if (in == null) {
            return "";
        }
        byte[] bytes = in.readNBytes(ERROR_BODY_LIMIT);
        if (bytes.length == ERROR_BODY_LIMIT && in.read() >= 0) {
            request.cancel();
        }
        return new String(bytes, charset);
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
        pool.close(CloseMode.GRACEFUL);
    }

    /** Configures an {@link HttpTransport}: the one place for credentials, timeouts, proxy, retries and limits. */
    public static final class Builder {
        private final String workspaceUrl;
        private Auth auth;
        private boolean allowInsecureHttp;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private ProxySettings proxy;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private String userAgent = UserAgent.DEFAULT;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int maxConnections = 20;
        private RetryListener retryListener = RetryListener.NONE;

        private Builder(String workspaceUrl) {
            this.workspaceUrl = workspaceUrl;
        }

        /**
         * Required: {@link Auth#bearer(String)}, {@link Auth#basic(String, String)}, {@link Auth#basicToken} or
         * {@link Auth#tokens} (OAuth: token requests then use this transport's proxy, timeouts and TLS).
         */
        public Builder auth(Auth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** Allow {@code http://} to a non-loopback host (credentials then travel unencrypted). Off by default. */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /** How long to wait for a connection; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /** How long to wait for the answer (and between bytes of it); default 60 s. */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = positive(timeout, "response timeout");
            return this;
        }

        /** An HTTP proxy; {@code null} (the default) connects directly. */
        public Builder proxy(ProxySettings proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** Replaces the default {@code databricks-deploy-jenkins/<version>}. */
        public Builder userAgent(String userAgent) {
            if (userAgent == null || userAgent.isBlank()) {
                throw new IllegalArgumentException("The user agent is empty: leave it unset for the default.");
            }
            this.userAgent = userAgent.strip();
            return this;
        }

        /** The largest answer the client will parse; larger answers fail clearly. Default 16 MiB. */
        public Builder maxResponseBytes(long maxResponseBytes) {
            if (maxResponseBytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024, got " + maxResponseBytes);
            }
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /** Told before each retry, e.g. to write it to the build log; default none. */
        public Builder retryListener(RetryListener retryListener) {
            this.retryListener = Objects.requireNonNull(retryListener, "retryListener");
            return this;
        }

        /** Most connections open at once (calls for several clusters may run in parallel); default 20. */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Builds the transport.
         *
         * @throws IllegalArgumentException for a bad workspace URL or missing credentials, naming the field
         */
        public HttpTransport build() {
            WorkspaceUrl url = WorkspaceUrl.parse(workspaceUrl, allowInsecureHttp);
            if (auth == null) {
                throw new IllegalArgumentException(
                        "No credentials: set a personal access token (Auth.bearer) or a user and password (Auth.basic).");
            }
            return new HttpTransport(
                    url,
                    auth,
                    retryPolicy,
                    connectTimeout,
                    responseTimeout,
                    proxy,
                    userAgent,
                    maxResponseBytes,
                    maxConnections,
                    retryListener);
        }

        /**
         * Builds the transport and the typed client made from it, e.g. {@code build(Rest12Client::new)}; closing the
         * client closes the transport.
         */
        public <C> C build(Function<HttpTransport, C> client) {
            return client.apply(build());
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("The " + name + " must be positive, got " + d);
            }
            return d;
        }
    }

    /**
     * Token requests over the same client (proxy, timeouts, TLS, user agent, bounded answers) without workspace
     * credentials. Minting a token twice is harmless, so these are retried like reads.
     */
    private final class TokenRequests implements TokenHttp {

        @Override
        public URI workspace() {
            return workspace.uri();
        }

        @Override
        public java.time.Clock clock() {
            return retryPolicy.clock();
        }

        @Override
        public Answer get(URI uri) throws IOException {
            return send("GET", uri, () -> new HttpGet(uri));
        }

        @Override
        public Answer postForm(URI uri, Map<String, String> form, String authorization) throws IOException {
            return send("POST", uri, () -> {
                HttpPost post = new HttpPost(uri);
                List<NameValuePair> pairs = new ArrayList<>();
                form.forEach((k, v) -> pairs.add(new BasicNameValuePair(k, v)));
                post.setEntity(new UrlEncodedFormEntity(pairs, StandardCharsets.UTF_8));
                if (authorization != null) {
                    post.setHeader(HttpHeaders.AUTHORIZATION, authorization);
                }
                return post;
            });
        }

        private Answer send(String method, URI uri, java.util.function.Supplier<HttpUriRequestBase> factory)
                throws IOException {
            String where = method + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
            Instant first = retryPolicy.clock().instant();
            int attempt = 0;
            while (true) {
                attempt++;
                HttpUriRequestBase request = factory.get();
                request.setHeader(HttpHeaders.ACCEPT, "application/json");
                Answer answer = null;
                IOException ioError = null;
                try {
                    ClassicHttpResponse response = http.executeOpen(null, request, null);
                    try {
                        HttpEntity entity = response.getEntity();
                        answer = new Answer(response.getCode(), entity == null ? "" : readText(entity, request));
                    } finally {
                        response.close();
                    }
                } catch (IOException e) {
                    ioError = e;
                }
                RetryPolicy.Failure failure;
                if (answer != null) {
                    if (answer.status() < 500 && answer.status() != 429) {
                        return answer;
                    }
                    failure = RetryPolicy.Failure.http(answer.status(), "", null);
                } else {
                    failure = RetryPolicy.Failure.io(ioError);
                }
                Optional<Duration> delay = retryPolicy.delayBeforeRetry(failure, true, attempt, first);
                if (delay.isEmpty()) {
                    if (answer != null) {
                        return answer;
                    }
                    String detail = ioError.getMessage() == null
                            ? ioError.getClass().getSimpleName()
                            : ioError.getClass().getSimpleName() + ": " + redact(ioError.getMessage());
                    throw new DatabricksApiException(
                            where,
                            0,
                            attempt,
                            null,
                            "no token: the connection to " + uri.getHost() + " failed: " + detail,
                            "Check the network or proxy settings for " + uri.getHost(),
                            ioError);
                }
                retryListener.retrying(
                        where,
                        attempt,
                        delay.get(),
                        answer != null
                                ? "HTTP " + answer.status()
                                : ioError.getClass().getSimpleName());
                try {
                    retryPolicy.sleeper().sleep(delay.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    InterruptedIOException interrupted =
                            new InterruptedIOException(where + " interrupted while waiting to retry");
                    interrupted.initCause(e);
                    throw interrupted;
                }
            }
        }
    }

    /** Sends requests through the proxy unless the target host matches a no-proxy pattern. */
    private static final class ProxyRoutePlanner extends DefaultRoutePlanner {
        private final ProxySettings proxy;
        private final HttpHost proxyHost;

        ProxyRoutePlanner(ProxySettings proxy, HttpHost proxyHost) {
            super(DefaultSchemePortResolver.INSTANCE);
            this.proxy = proxy;
            this.proxyHost = proxyHost;
        }

        @Override
        protected HttpHost determineProxy(HttpHost target, HttpContext context) {
            return proxy.bypasses(target.getHostName()) ? null : proxyHost;
        }
    }

    /** Thrown by {@link LimitedInputStream} once the limit is passed. */
    static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException() {
            super("response too large");
        }
    }

    /** Counts what is read and fails past the limit, so a huge or endless answer cannot exhaust memory. */
    static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws ResponseTooLargeException {
            count += n;
            if (count > limit) {
                throw new ResponseTooLargeException();
            }
        }
    }
}
