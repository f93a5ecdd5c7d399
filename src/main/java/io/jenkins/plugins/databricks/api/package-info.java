/**
 * The Databricks REST client: typed calls over Apache HttpClient 5 and Jackson, with authentication, retries,
 * timeouts and streamed uploads in one place each. Imports nothing from Jenkins.
 */
package io.jenkins.plugins.databricks.api;
