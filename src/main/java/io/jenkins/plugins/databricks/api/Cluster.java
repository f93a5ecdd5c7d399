package io.jenkins.plugins.databricks.api;

/**
 * A cluster as REST 1.2 describes it ({@code clusters/list} elements and {@code clusters/status}).
 *
 * @param id cluster id, e.g. {@code 1234-567890-span123}
 * @param name display name
 * @param status state; {@link ClusterStatus#UNKNOWN} for a value this client does not know
 * @param driverIp driver address, may be {@code null}
 * @param jdbcPort JDBC port, may be {@code null}
 * @param numWorkers worker count, may be {@code null}
 */
public record Cluster(
        String id, String name, ClusterStatus status, String driverIp, Integer jdbcPort, Integer numWorkers) {

    public Cluster {
        if (status == null) {
            status = ClusterStatus.UNKNOWN;
        }
    }
}
