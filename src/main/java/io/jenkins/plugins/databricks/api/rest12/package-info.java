/**
 * The Databricks REST 1.2 calls, typed: clusters list / status / restart / delete; execution contexts create /
 * status / destroy; commands execute (text or a file) / status / cancel; workspace libraries list / status / upload
 * / delete / attach / detach; and their wire records. Current workspaces still serve the context and command calls
 * (the smoke test uses them with either backend); the library calls are gone from most of them. All calls go through
 * the shared {@link io.jenkins.plugins.databricks.api.HttpTransport}: {@code
 * HttpTransport.builder(url).auth(...).build(Rest12Client::new)}.
 *
 * <p>Request encodings: JSON for most POSTs; form-urlencoded for {@code libraries/delete}; multipart for uploads and
 * command files. {@code libraries/attach} and {@code detach} are harmless to repeat and retried like reads.
 */
package io.jenkins.plugins.databricks.api.rest12;
