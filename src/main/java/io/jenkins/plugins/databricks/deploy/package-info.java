/**
 * The deploy engine: a validated {@code DeploySpec} becomes a plan, the plan is executed against Databricks, and
 * the outcome is a report. Imports nothing from Jenkins; every front end is a thin layer over it.
 */
package io.jenkins.plugins.databricks.deploy;
