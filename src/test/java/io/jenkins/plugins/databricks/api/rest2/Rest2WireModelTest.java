package io.jenkins.plugins.databricks.api.rest2;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.api.HttpTransport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The 2.x wire model as the client's mapper reads it: new fields ignored, unknown words kept, never a failure. */
class Rest2WireModelTest {

    private static <T> T read(String json, Class<T> type) throws Exception {
        return HttpTransport.MAPPER.readValue(json, type);
    }

    @Test
    void clusterDetailsCarryWhatADeployDecidesOn() throws Exception {
        ClusterDetails c = read(
                "{\"cluster_id\":\"0101-1-a\",\"cluster_name\":\"etl\",\"state\":\"TERMINATED\","
                        + "\"state_message\":\"Inactive cluster terminated (inactive for 120 minutes).\","
                        + "\"spark_version\":\"15.4.x-scala2.12\",\"data_security_mode\":\"SINGLE_USER\","
                        + "\"single_user_name\":\"ci@example.com\",\"cluster_source\":\"UI\","
                        + "\"termination_reason\":{\"code\":\"INACTIVITY\",\"type\":\"SUCCESS\",\"parameters\":{}},"
                        + "\"start_time\":1700000000000,\"last_restarted_time\":1700000500000,"
                        + "\"num_workers\":2,\"some_new_field\":{\"x\":1}}",
                ClusterDetails.class);
        assertThat(c.clusterId()).isEqualTo("0101-1-a");
        assertThat(c.clusterName()).isEqualTo("etl");
        assertThat(c.state()).isEqualTo(ClusterState.TERMINATED);
        assertThat(c.stateMessage()).startsWith("Inactive cluster");
        assertThat(c.sparkVersion()).isEqualTo("15.4.x-scala2.12");
        assertThat(c.dataSecurityMode()).isEqualTo(DataSecurityMode.SINGLE_USER);
        assertThat(c.dataSecurityMode().isDedicated()).isTrue();
        assertThat(c.singleUserName()).isEqualTo("ci@example.com");
        assertThat(c.clusterSource()).isEqualTo(ClusterSource.UI);
        assertThat(c.isJobCluster()).isFalse();
        assertThat(c.terminationCode()).isEqualTo("INACTIVITY");
        assertThat(c.startTime()).isEqualTo(1700000000000L);
        assertThat(c.lastRestartedTime()).isEqualTo(1700000500000L);
    }

    @Test
    void aSparseClusterStillReads() throws Exception {
        ClusterDetails c = read("{\"cluster_id\":\"x\"}", ClusterDetails.class);
        assertThat(c.state()).isEqualTo(ClusterState.UNKNOWN);
        assertThat(c.stateWord()).isEqualTo("UNKNOWN");
        assertThat(c.stateMessage()).isEmpty();
        assertThat(c.dataSecurityMode()).isEqualTo(DataSecurityMode.UNKNOWN);
        assertThat(c.dataSecurityModeWord()).isEmpty();
        assertThat(c.clusterSource()).isEqualTo(ClusterSource.UNKNOWN);
        assertThat(c.terminationCode()).isNull();
    }

    @ParameterizedTest
    @EnumSource(ClusterState.class)
    void everyClusterState(ClusterState state) throws Exception {
        ClusterDetails c = read("{\"cluster_id\":\"x\",\"state\":\"" + state.name() + "\"}", ClusterDetails.class);
        assertThat(c.state()).isEqualTo(state);
        assertThat(c.stateWord()).isEqualTo(state.name());
    }

    @Test
    void anUnknownClusterStateKeepsItsWord() throws Exception {
        ClusterDetails c = read("{\"cluster_id\":\"x\",\"state\":\"HIBERNATING\"}", ClusterDetails.class);
        assertThat(c.state()).isEqualTo(ClusterState.UNKNOWN);
        assertThat(c.stateWord()).isEqualTo("HIBERNATING");
    }

    @ParameterizedTest
    @CsvSource({
        "DATA_SECURITY_MODE_STANDARD, true, false",
        "USER_ISOLATION, true, false",
        "DATA_SECURITY_MODE_DEDICATED, false, true",
        "SINGLE_USER, false, true",
        "NONE, false, false",
        "DATA_SECURITY_MODE_AUTO, false, false",
        "LEGACY_TABLE_ACL, false, false",
        "LEGACY_PASSTHROUGH, false, false",
        "LEGACY_SINGLE_USER, false, false",
        "LEGACY_SINGLE_USER_STANDARD, false, false"
    })
    void accessModes(DataSecurityMode mode, boolean standard, boolean dedicated) throws Exception {
        ClusterDetails c =
                read("{\"cluster_id\":\"x\",\"data_security_mode\":\"" + mode.name() + "\"}", ClusterDetails.class);
        assertThat(c.dataSecurityMode()).isEqualTo(mode);
        assertThat(c.dataSecurityMode().isStandard()).isEqualTo(standard);
        assertThat(c.dataSecurityMode().isDedicated()).isEqualTo(dedicated);
        assertThat(c.dataSecurityModeWord()).isEqualTo(mode.name());
    }

    @Test
    void anUnknownAccessModeAndSourceKeepTheirWords() throws Exception {
        ClusterDetails c = read(
                "{\"cluster_id\":\"x\",\"data_security_mode\":\"DATA_SECURITY_MODE_FUTURE\",\"cluster_source\":\"AGENT\"}",
                ClusterDetails.class);
        assertThat(c.dataSecurityMode()).isEqualTo(DataSecurityMode.UNKNOWN);
        assertThat(c.dataSecurityModeWord()).isEqualTo("DATA_SECURITY_MODE_FUTURE");
        assertThat(c.clusterSource()).isEqualTo(ClusterSource.UNKNOWN);
        assertThat(c.clusterSourceWord()).isEqualTo("AGENT");
    }

    @ParameterizedTest
    @EnumSource(
            value = ClusterSource.class,
            names = {"UNKNOWN"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyClusterSource(ClusterSource source) throws Exception {
        ClusterDetails c =
                read("{\"cluster_id\":\"x\",\"cluster_source\":\"" + source.name() + "\"}", ClusterDetails.class);
        assertThat(c.clusterSource()).isEqualTo(source);
        assertThat(c.isJobCluster()).isEqualTo(source == ClusterSource.JOB);
    }

    @ParameterizedTest
    @EnumSource(
            value = LibraryInstallStatus.class,
            names = {"UNKNOWN"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyLibraryStatusWord(LibraryInstallStatus status) throws Exception {
        LibraryFullStatus s = read(
                "{\"library\":{\"jar\":\"/Volumes/c/s/v/a.jar\"},\"status\":\"" + status.name() + "\"}",
                LibraryFullStatus.class);
        assertThat(s.status()).isEqualTo(status);
        assertThat(s.statusWord()).isEqualTo(status.name());
        assertThat(s.library()).isEqualTo(Library.jar("/Volumes/c/s/v/a.jar"));
        assertThat(s.messages()).isEmpty();
        assertThat(s.status().inProgress())
                .isEqualTo(status == LibraryInstallStatus.PENDING
                        || status == LibraryInstallStatus.RESOLVING
                        || status == LibraryInstallStatus.INSTALLING);
    }

    @Test
    void anUnknownLibraryStatusIsKeptNeverAFailure() throws Exception {
        LibraryFullStatus s = read(
                "{\"library\":{\"jar\":\"/a.jar\"},\"status\":\"QUARANTINED\",\"messages\":[\"held\"]}",
                LibraryFullStatus.class);
        assertThat(s.status()).isEqualTo(LibraryInstallStatus.UNKNOWN);
        assertThat(s.statusWord()).isEqualTo("QUARANTINED");
        assertThat(s.messages()).containsExactly("held");
        // Prefix-like words never match a known one by accident.
        assertThat(LibraryInstallStatus.fromWire("NOT_INSTALLED")).isEqualTo(LibraryInstallStatus.UNKNOWN);
        assertThat(LibraryInstallStatus.fromWire(null)).isEqualTo(LibraryInstallStatus.UNKNOWN);
        assertThat(LibraryInstallStatus.fromWire(" installed ")).isEqualTo(LibraryInstallStatus.INSTALLED);
    }

    @Test
    void aFailedLibraryCarriesItsMessagesAndOtherKindsOfLibraryParse() throws Exception {
        ClusterLibraryStatuses statuses = read(
                "{\"cluster_id\":\"c1\",\"library_statuses\":["
                        + "{\"library\":{\"jar\":\"/Volumes/c/s/v/missing.jar\"},\"status\":\"FAILED\","
                        + "\"messages\":[\"Library installation failed: file not found\"],"
                        + "\"is_library_for_all_clusters\":false},"
                        + "{\"library\":{\"maven\":{\"coordinates\":\"g:a:1\",\"exclusions\":[\"x:y\"]}},"
                        + "\"status\":\"INSTALLED\",\"is_library_for_all_clusters\":true},"
                        + "{\"library\":{\"pypi\":{\"package\":\"requests==2.0\"}},\"status\":\"SKIPPED\"},"
                        + "null]}",
                ClusterLibraryStatuses.class);
        assertThat(statuses.clusterId()).isEqualTo("c1");
        assertThat(statuses.libraryStatuses()).hasSize(3);
        LibraryFullStatus failed =
                statuses.statusOf(Library.jar("/Volumes/c/s/v/missing.jar")).orElseThrow();
        assertThat(failed.status()).isEqualTo(LibraryInstallStatus.FAILED);
        assertThat(failed.messages()).containsExactly("Library installation failed: file not found");
        LibraryFullStatus maven = statuses.libraryStatuses().get(1);
        assertThat(maven.forAllClusters()).isTrue();
        assertThat(maven.library().describe()).isEqualTo("maven:g:a:1");
        assertThat(maven.library().maven().exclusions()).containsExactly("x:y");
        assertThat(statuses.libraryStatuses().get(2).library().describe()).isEqualTo("pypi:requests==2.0");
        assertThat(statuses.statusOf(Library.jar("/other.jar"))).isEmpty();
    }

    @Test
    void aJarIsSentAsItsPathAlone() throws Exception {
        String json = HttpTransport.MAPPER.writeValueAsString(
                Map.of("libraries", List.of(Library.jar(" /Volumes/c/s/v/a.jar "))));
        assertThat(json).isEqualTo("{\"libraries\":[{\"jar\":\"/Volumes/c/s/v/a.jar\"}]}");
        assertThat(Library.jar("/Volumes/c/s/v/a.jar").describe()).isEqualTo("jar:/Volumes/c/s/v/a.jar");
    }

    @Test
    void directoryEntries() throws Exception {
        DirectoryEntry file = read(
                "{\"path\":\"/Volumes/c/s/v/a.jar\",\"name\":\"a.jar\",\"is_directory\":false,"
                        + "\"file_size\":123,\"last_modified\":1700000000000}",
                DirectoryEntry.class);
        assertThat(file.directory()).isFalse();
        assertThat(file.fileSize()).isEqualTo(123);
        assertThat(file.lastModified()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
        DirectoryEntry dir =
                read("{\"path\":\"/Volumes/c/s/v/d\",\"name\":\"d\",\"is_directory\":true}", DirectoryEntry.class);
        assertThat(dir.directory()).isTrue();
        assertThat(dir.lastModified()).isNull();
    }

    @Test
    void allowlistPrefixSemantics() throws Exception {
        ArtifactAllowlist list = read(
                "{\"artifact_matchers\":[{\"artifact\":\"/Volumes/prod/libs/\",\"match_type\":\"PREFIX_MATCH\"},"
                        + "{\"artifact\":\"/Volumes/ci/jars\",\"match_type\":\"PREFIX_MATCH\"},"
                        + "{\"artifact\":\"/Volumes/x/\",\"match_type\":\"REGEX_MATCH\"}],"
                        + "\"metastore_id\":\"m-1\",\"created_by\":\"admin@example.com\",\"created_at\":1700000000000}",
                ArtifactAllowlist.class);
        assertThat(list.metastoreId()).isEqualTo("m-1");
        assertThat(list.createdBy()).isEqualTo("admin@example.com");
        assertThat(list.allows("/Volumes/prod/libs/app.jar")).isTrue();
        assertThat(list.allows("/Volumes/prod/libs-x/app.jar")).isFalse();
        assertThat(list.allows("/Volumes/ci/jars-old/app.jar")).isTrue();
        assertThat(list.allows("/Volumes/x/app.jar")).isFalse();
        assertThat(list.allows("/Volumes/other/app.jar")).isFalse();
        assertThat(read("{}", ArtifactAllowlist.class).matchers()).isEmpty();
    }

    @Test
    void currentUser() throws Exception {
        CurrentUser me = read(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"123\","
                        + "\"userName\":\"ci@example.com\",\"displayName\":\"CI\",\"active\":true,"
                        + "\"emails\":[{\"value\":\"ci@example.com\",\"primary\":true}]}",
                CurrentUser.class);
        assertThat(me).isEqualTo(new CurrentUser("123", "ci@example.com", "CI", true));
        assertThat(read("{\"userName\":\"sp\",\"active\":false}", CurrentUser.class)
                        .active())
                .isFalse();
    }
}
