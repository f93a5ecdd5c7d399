/**
 * The Databricks REST 1.2 client: typed calls over Apache HttpClient 5 (classic) and Jackson, with authentication,
 * retries, timeouts and streamed uploads in one place each. Imports nothing from Jenkins.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.jenkins.plugins.databricks.api.DatabricksClient#builder(String)}: workspace URL (normalised by
 *       {@link io.jenkins.plugins.databricks.api.WorkspaceUrl}), {@link io.jenkins.plugins.databricks.api.Auth},
 *       timeouts, {@link io.jenkins.plugins.databricks.api.ProxySettings},
 *       {@link io.jenkins.plugins.databricks.api.RetryPolicy}, User-Agent, response size limit.
 *   <li>Sixteen typed calls: clusters list / status / restart / delete; contexts create / status / destroy; commands
 *       execute (text or a file) / status / cancel; libraries list / status / upload / delete / attach / detach.
 *   <li>Every failure is a {@link io.jenkins.plugins.databricks.api.DatabricksApiException} (an {@code IOException})
 *       with the HTTP status, the endpoint, the number of attempts, the server's own text and a hint.
 * </ul>
 *
 * <h2>Retries</h2>
 *
 * {@link io.jenkins.plugins.databricks.api.RetryPolicy} decides. Reads (GET) are retried on 429, 5xx, timeouts and
 * dropped connections. POSTs are retried only when the server cannot have acted on them (429, 503, a connection that
 * never opened) or said so ({@code ClusterNotReadyException}, {@code TEMPORARILY_UNAVAILABLE}, ...), and
 * {@code libraries/attach} / {@code detach}, which are harmless to repeat, like reads. A POST that may have reached
 * the server — for example an upload whose answer was lost, or an execute that timed out — is <em>not</em> repeated:
 * doing so could upload the library twice (or fail with {@code NameConflictException}) or run a command twice. The
 * error says so, and the caller can look at the workspace (list libraries) before deciding.
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
 * buffer as the multipart body is written, with a Content-Length and {@code Expect: 100-continue}; memory does not
 * grow with the file.
 */
package io.jenkins.plugins.databricks.api;
