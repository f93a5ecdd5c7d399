package io.jenkins.plugins.databricks.benchmark;

/** One backend at one fleet size, as the plot draws it. */
record FleetPoint(String backend, int clusters, double wallMillis, double requests, int minimumRequests) {}
