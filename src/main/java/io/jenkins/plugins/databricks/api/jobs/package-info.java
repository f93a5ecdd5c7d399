/**
 * One-time Jobs runs, typed: {@code POST /api/2.2/jobs/runs/submit} of a {@code spark_jar_task} on an existing
 * cluster, {@code runs/get}, {@code runs/get-output} (per task run) and {@code runs/cancel}, with their wire records.
 * The Jobs API is served beside both REST 1.2 and 2.x workspaces, hence a package of its own; the calls go through
 * the shared {@link io.jenkins.plugins.databricks.api.HttpTransport}: {@code
 * HttpTransport.builder(url).auth(...).build(JobsClient::new)}.
 *
 * <p>Lifecycle, result and termination words map to enums with an {@code UNKNOWN} fallback, and the records keep the
 * server's own word, so a new server value never breaks a deploy and a log can still name it. Only the termination
 * code {@code SUCCESS} means success; matching is by whole word.
 *
 * <p>Retries: reads and cancel are repeated on transient failures; a submit is repeated only when it carries an
 * idempotency token (the service starts one run per token).
 */
package io.jenkins.plugins.databricks.api.jobs;
