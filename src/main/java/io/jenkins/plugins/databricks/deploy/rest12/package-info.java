/**
 * The deploy engine's gateway over REST 1.2 workspace libraries, through the typed client in
 * {@code io.jenkins.plugins.databricks.api}. A REST 2.0 / Unity Catalog volumes gateway would sit in a sibling package.
 */
package io.jenkins.plugins.databricks.deploy.rest12;
