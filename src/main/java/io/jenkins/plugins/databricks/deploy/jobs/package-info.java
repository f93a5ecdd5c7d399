/**
 * The engine's jar runs ({@link io.jenkins.plugins.databricks.deploy.JarRuns}) over the Jobs API client, shared by
 * both backends: the Jobs API is served beside REST 1.2 and 2.x alike.
 */
package io.jenkins.plugins.databricks.deploy.jobs;
