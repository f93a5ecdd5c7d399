package io.jenkins.plugins.databricks.api.rest2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.databricks.api.WireNames;

/**
 * A cluster as Clusters API 2.1 describes it ({@code clusters/get}, {@code clusters/list} elements): the fields a deploy
 * decides on. Each enum sits beside the word the server sent, so a log can name a value this client does not know.
 *
 * @param clusterId e.g. {@code 0123-456789-abcdefgh}
 * @param clusterName display name
 * @param state {@link ClusterState#UNKNOWN} for a word this client does not know
 * @param stateWord the state as sent
 * @param stateMessage why it is in that state, may be empty
 * @param sparkVersion the runtime, e.g. {@code 15.4.x-scala2.12}
 * @param dataSecurityMode the access mode
 * @param dataSecurityModeWord the access mode as sent, empty when none was
 * @param singleUserName the one principal of a dedicated cluster, else {@code null}
 * @param clusterSource who created it ({@code JOB} clusters cannot be started by hand)
 * @param clusterSourceWord the source as sent
 * @param terminationCode {@code termination_reason.code} of a terminated cluster, else {@code null}
 * @param startTime epoch milliseconds, 0 when unknown
 * @param lastRestartedTime epoch milliseconds, 0 when unknown
 */
public record ClusterDetails(
        String clusterId,
        String clusterName,
        ClusterState state,
        String stateWord,
        String stateMessage,
        String sparkVersion,
        DataSecurityMode dataSecurityMode,
        String dataSecurityModeWord,
        String singleUserName,
        ClusterSource clusterSource,
        String clusterSourceWord,
        String terminationCode,
        long startTime,
        long lastRestartedTime) {

    public ClusterDetails {
        state = state == null ? ClusterState.UNKNOWN : state;
        stateWord = WireNames.wordOr(stateWord, state.name());
        stateMessage = stateMessage == null ? "" : stateMessage;
        dataSecurityMode = dataSecurityMode == null ? DataSecurityMode.UNKNOWN : dataSecurityMode;
        dataSecurityModeWord = dataSecurityModeWord == null ? "" : dataSecurityModeWord.strip();
        clusterSource = clusterSource == null ? ClusterSource.UNKNOWN : clusterSource;
        clusterSourceWord = WireNames.wordOr(clusterSourceWord, clusterSource.name());
    }

    @JsonCreator
    static ClusterDetails fromWire(
            @JsonProperty("cluster_id") String clusterId,
            @JsonProperty("cluster_name") String clusterName,
            @JsonProperty("state") String state,
            @JsonProperty("state_message") String stateMessage,
            @JsonProperty("spark_version") String sparkVersion,
            @JsonProperty("data_security_mode") String dataSecurityMode,
            @JsonProperty("single_user_name") String singleUserName,
            @JsonProperty("cluster_source") String clusterSource,
            @JsonProperty("termination_reason") JsonNode terminationReason,
            @JsonProperty("start_time") long startTime,
            @JsonProperty("last_restarted_time") long lastRestartedTime) {
        JsonNode code = terminationReason == null ? null : terminationReason.get("code");
        return new ClusterDetails(
                clusterId,
                clusterName,
                ClusterState.fromWire(state),
                state,
                stateMessage,
                sparkVersion,
                dataSecurityMode == null ? DataSecurityMode.UNKNOWN : DataSecurityMode.fromWire(dataSecurityMode),
                dataSecurityMode,
                singleUserName,
                ClusterSource.fromWire(clusterSource),
                clusterSource,
                code == null || code.isNull() ? null : code.asText(),
                startTime,
                lastRestartedTime);
    }

    /** A job cluster: created for a job run, it cannot be started or restarted by hand. */
    public boolean isJobCluster() {
        return clusterSource == ClusterSource.JOB;
    }
}
