package io.jenkins.plugins.databricks.api.rest12;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.databricks.api.WireNames;

/**
 * A cluster as REST 1.2 describes it ({@code clusters/list} elements and {@code clusters/status}).
 *
 * @param id cluster id, e.g. {@code 1234-567890-span123}
 * @param name display name
 * @param status state; {@link ClusterStatus#UNKNOWN} for a value this client does not know
 * @param driverIp driver address, may be {@code null}
 * @param jdbcPort JDBC port, may be {@code null}
 * @param numWorkers worker count, may be {@code null}
 * @param word the state as the server wrote it, so a log can name a state this client does not know
 */
public record Cluster(
        String id,
        String name,
        ClusterStatus status,
        String driverIp,
        Integer jdbcPort,
        Integer numWorkers,
        String word) {

    public Cluster {
        if (status == null) {
            status = ClusterStatus.UNKNOWN;
        }
        word = WireNames.wordOr(word, status.wireValue());
    }

    @JsonCreator
    static Cluster fromWire(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("status") String status,
            @JsonProperty("driverIp") String driverIp,
            @JsonProperty("jdbcPort") Integer jdbcPort,
            @JsonProperty("numWorkers") Integer numWorkers) {
        return new Cluster(id, name, ClusterStatus.fromWire(status), driverIp, jdbcPort, numWorkers, status);
    }
}
