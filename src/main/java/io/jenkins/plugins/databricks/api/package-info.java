/**
 * What every Databricks call shares, whatever the API version: one transport over Apache HttpClient 5 (classic) and
 * Jackson, with authentication, retries, timeouts, proxy, user agent, streamed bodies, redaction and the response size
 * limit in one place each. Imports nothing from Jenkins. The typed calls live in a package per API:
 * {@code api.rest12} (REST 1.2: clusters, execution contexts, commands, workspace libraries) and {@code api.rest2}
 * (REST 2.x: Files API on volumes, Libraries 2.0, Clusters 2.1, the Unity Catalog allowlist, SCIM Me).
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.jenkins.plugins.databricks.api.HttpTransport#builder(String)}: workspace URL (normalised by
 *       {@link io.jenkins.plugins.databricks.api.WorkspaceUrl}), {@link io.jenkins.plugins.databricks.api.Auth},
 *       timeouts, {@link io.jenkins.plugins.databricks.api.ProxySettings},
 *       {@link io.jenkins.plugins.databricks.api.RetryPolicy}, User-Agent, response size limit; then
 *       {@code build(Rest12Client::new)} (or the 2.x client) for the typed calls.
 *   <li>Each call is described by an {@link io.jenkins.plugins.databricks.api.ApiCall}: method, path and whether
 *       repeating it is harmless.
 *   <li>Every failure is a {@link io.jenkins.plugins.databricks.api.DatabricksApiException} (an {@code IOException})
 *       with the HTTP status, the endpoint, the number of attempts, the server's own text and code, and a hint.
 * </ul>
 *
 * <h2>Retries</h2>
 *
 * {@link io.jenkins.plugins.databricks.api.RetryPolicy} decides. Reads (GET) are retried on 429, 5xx, timeouts and
 * dropped connections. Writes are retried only when the server cannot have acted on them (429, 503, a connection that
 * never opened) or said so ({@code ClusterNotReadyException}, {@code TEMPORARILY_UNAVAILABLE}, ...), and writes that
 * are harmless to repeat (1.2 attach / detach) like reads. A write that may have reached the server — for example an
 * upload whose answer was lost, or an execute that timed out — is <em>not</em> repeated: doing so could upload the
 * library twice or run a command twice. The error says so, and the caller can look at the workspace before deciding.
 *
 * <h2>Security</h2>
 *
 * Credentials are sent pre-emptively on every request and never appear in {@code toString()}, exception messages or
 * retry notices (server texts are scrubbed of them too). TLS certificates and host names are always verified
 * against the JVM's trust store; only {@code https://} is accepted, plain {@code http://} only behind the system
 * property {@value io.jenkins.plugins.databricks.api.WorkspaceUrl#ALLOW_PLAIN_HTTP_PROPERTY} for tests and the demo.
 * Answers larger than the configured limit (16 MiB by default) are refused rather than parsed. HttpClient's own
 * header and wire loggers are guarded ({@link io.jenkins.plugins.databricks.api.HttpClientLogGuard}): whatever level
 * an administrator sets, the header logger masks {@code Authorization} and the wire logger prints nothing below INFO.
 * {@link io.jenkins.plugins.databricks.api.SecretRedactor} is the filter a front end passes every text through
 * before it stores or shows it; secrets (a token minted later) can be added to it at any time.
 *
 * <h2>Uploads</h2>
 *
 * {@link io.jenkins.plugins.databricks.api.UploadSource} is opened once per attempt and streamed with a fixed
 * buffer as the body is written, with a Content-Length and {@code Expect: 100-continue}; memory does not grow with
 * the file.
 */
package io.jenkins.plugins.databricks.api;
