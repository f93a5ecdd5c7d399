/**
 * The deploy engine's gateway over REST 2.x: jars in Unity Catalog volumes (Files API), Libraries 2.0, Clusters 2.1,
 * and the 2.x pre-flight (volume privileges, the jar allowlist, access modes), through {@code api.rest2}; commands
 * stay on the 1.2 context and command calls.
 */
package io.jenkins.plugins.databricks.deploy.rest2;
