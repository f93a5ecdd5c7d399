package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IdentityAndAllowlistTest {

    private static final String ME = "/api/2.0/preview/scim/v2/Me";
    private static final String JARS = "/api/2.1/unity-catalog/artifact-allowlists/LIBRARY_JAR";
    private static final String DEDICATED = "0101-000000-ded";

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi()
            .with(e -> e.addCluster(DEDICATED, "alice's", ClusterState.RUNNING).singleUser("alice@example.com"));

    @Test
    void meAnswersTheUserOfEachToken() {
        String bob = api.emulator().issueToken("bob@example.com");
        String sp = api.emulator().issueToken("6a1f0c3e-0000-4000-8000-00000000abcd");

        JsonNode deployer = api.http().get2(ME).json();
        JsonNode asBob = api.http().authorization("Bearer " + bob).get2(ME).json();
        JsonNode asSp = api.http().authorization("Bearer " + sp).get2(ME).json();

        assertThat(deployer.get("userName").asText()).isEqualTo("jenkins-deployer@example.com");
        assertThat(deployer.get("emails").get(0).get("value").asText()).isEqualTo("jenkins-deployer@example.com");
        assertThat(asBob.get("userName").asText()).isEqualTo("bob@example.com");
        assertThat(asBob.get("id").asText()).isNotEqualTo(deployer.get("id").asText());
        assertThat(asSp.get("userName").asText()).isEqualTo("6a1f0c3e-0000-4000-8000-00000000abcd");
        assertThat(asSp.get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User");
    }

    @Test
    void aBasicUserIsItsOwnIdentityAndAnExpiredTokensSuccessorKeepsTheUser() {
        api.emulator().addUser("carol", "pw");
        String bob = api.emulator().issueToken("bob@example.com");

        JsonNode carol = api.http().basic("carol", "pw").get2(ME).json();
        api.emulator().expireToken();
        JsonNode renewed = api.http()
                .authorization("Bearer " + api.emulator().token())
                .get2(ME)
                .json();

        assertThat(carol.get("userName").asText()).isEqualTo("carol");
        assertThat(renewed.get("userName").asText()).isEqualTo("jenkins-deployer@example.com");
        assertThat(api.http().authorization("Bearer " + bob).get2(ME).status()).isEqualTo(200);
    }

    @Test
    void theAllowlistIsEmptyAtFirstReadableAndReplacedWhole() {
        JsonNode empty = api.http().get2(JARS).json();
        api.emulator().allowlists().jarPrefixes("/Volumes/main/default/libs/");
        JsonNode set = api.http().get2(JARS).json();
        EmulatorHttp.Response put = api.http()
                .putJson2(
                        JARS,
                        Map.of(
                                "artifact_matchers",
                                List.of(Map.of("artifact", "/Volumes/prod/", "match_type", "PREFIX_MATCH"))));

        assertThat(empty.has("artifact_matchers")).isFalse();
        assertThat(empty.get("metastore_id").asText()).isNotBlank();
        assertThat(set.get("artifact_matchers").get(0).get("artifact").asText())
                .isEqualTo("/Volumes/main/default/libs/");
        assertThat(set.get("artifact_matchers").get(0).get("match_type").asText())
                .isEqualTo("PREFIX_MATCH");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("artifact_matchers")).hasSize(1);
        assertThat(put.json().get("created_by").asText()).isEqualTo("jenkins-deployer@example.com");
        assertThat(api.emulator()
                        .allowlists()
                        .allows(ArtifactAllowlists.ArtifactType.LIBRARY_JAR, "/Volumes/main/default/libs/a.jar"))
                .isFalse();
    }

    @Test
    void prefixMatchingIsPlainStringPrefix() {
        ArtifactAllowlists lists = api.emulator().allowlists().jarPrefixes("/Volumes/prod-libraries/", "/Volumes/x");

        assertThat(lists.allows(ArtifactAllowlists.ArtifactType.LIBRARY_JAR, "/Volumes/prod-libraries/a.jar"))
                .isTrue();
        assertThat(lists.allows(ArtifactAllowlists.ArtifactType.LIBRARY_JAR, "/Volumes/prod-libraries-x/a.jar"))
                .isFalse();
        assertThat(lists.allows(ArtifactAllowlists.ArtifactType.LIBRARY_JAR, "/Volumes/xy/a.jar"))
                .isTrue();
        assertThat(lists.allows(ArtifactAllowlists.ArtifactType.LIBRARY_MAVEN, "/Volumes/x/a.jar"))
                .isFalse();
    }

    @Test
    void aCallerWhoIsNotAnAdminGets403() {
        api.emulator().settings().allowlistAdmin(false);

        EmulatorHttp.Response r = api.http().get2(JARS);
        EmulatorHttp.Response unknownType = api.http().get2("/api/2.1/unity-catalog/artifact-allowlists/WHEEL");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error_code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(r.json().get("message").asText()).contains("MANAGE ALLOWLIST");
        assertThat(unknownType.status()).isEqualTo(400);
    }

    @Test
    void aDedicatedClusterRefusesContextsOfAnyoneButItsUser() {
        String alice = api.emulator().issueToken("alice@example.com");

        EmulatorHttp.Response deployer =
                api.http().postForm("contexts/create", "clusterId", DEDICATED, "language", "scala");
        EmulatorHttp.Response asAlice = api.http()
                .authorization("Bearer " + alice)
                .postForm("contexts/create", "clusterId", DEDICATED, "language", "scala");
        api.emulator().settings().dedicatedRejectsOtherUsers(false);
        EmulatorHttp.Response allowed = api.http()
                .authorization("Bearer " + api.emulator().token())
                .postForm("contexts/create", "clusterId", DEDICATED, "language", "scala");

        assertThat(deployer.status()).isEqualTo(403);
        assertThat(deployer.json().get("error").asText())
                .startsWith("PERMISSION_DENIED: Single-user check failed: user 'jenkins-deployer@example.com'")
                .contains("alice@example.com");
        assertThat(asAlice.status()).isEqualTo(200);
        assertThat(allowed.status()).isEqualTo(200);
    }
}
