/** Picks the engine's gateway (REST 1.2 or REST 2.x) for a deploy spec, over one shared transport. */
package io.jenkins.plugins.databricks.deploy.backends;
