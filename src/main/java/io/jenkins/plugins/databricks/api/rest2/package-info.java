/**
 * The Databricks REST 2.x calls a deploy needs on a current workspace, typed, with their wire records:
 *
 * <ul>
 *   <li>Files API 2.0 on Unity Catalog volumes: upload ({@code PUT /api/2.0/fs/files{path}?overwrite=false},
 *       streamed), file metadata ({@code HEAD}), list a directory (every page), directory exists ({@code HEAD}),
 *       create a directory, delete a file, delete an empty directory.
 *   <li>Libraries API 2.0: install, uninstall, cluster-status, all-cluster-statuses.
 *   <li>Clusters API 2.1: list (every page), get, start, restart.
 *   <li>The Unity Catalog jar allowlist (read only) and the caller's identity (SCIM {@code Me}).
 * </ul>
 *
 * <p>Running a command is not here: it stays on the 1.2 context and command calls in {@code api.rest12}, which current
 * workspaces still serve. Status words are kept as the server sent them beside an enum whose {@code UNKNOWN} takes a
 * word this client does not know, so a new server value is never a parse failure. All calls go through the shared
 * {@link io.jenkins.plugins.databricks.api.HttpTransport}: {@code HttpTransport.builder(url).auth(...)
 * .build(Rest2Client::new)}; errors carry the 2.x {@code error_code}, {@code ErrorInfo.reason} and request id in
 * {@link io.jenkins.plugins.databricks.api.DatabricksApiException}.
 */
package io.jenkins.plugins.databricks.api.rest2;
