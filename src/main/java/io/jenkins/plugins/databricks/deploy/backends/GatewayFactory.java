package io.jenkins.plugins.databricks.deploy.backends;

import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.api.rest2.Rest2Client;
import io.jenkins.plugins.databricks.deploy.DatabricksApi;
import io.jenkins.plugins.databricks.deploy.DatabricksGateway;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Poller;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import io.jenkins.plugins.databricks.deploy.rest2.Rest2Gateway;

/**
 * The one place that picks the backend for a deploy: {@link DeploySpec#api()} (forced, or by the folder when
 * automatic). Every front end (the Jenkins step, builder and recorder, the command line) calls it, so they cannot
 * disagree about which API a spec means. The gateway rides on the caller's transport, which the caller closes.
 */
public final class GatewayFactory {

    private GatewayFactory() {}

    /** The gateway for the spec's API; {@code poller} paces the gateway's own waits (a start racing a restart). */
    public static DatabricksGateway forSpec(DeploySpec spec, HttpTransport transport, Poller poller) {
        return forApi(spec.api(), transport, poller);
    }

    /** The gateway for an API already resolved ({@link DatabricksApi#AUTO} is not one). */
    public static DatabricksGateway forApi(DatabricksApi api, HttpTransport transport, Poller poller) {
        return switch (api) {
            case REST_1_2 -> new Rest12Gateway(new Rest12Client(transport));
            case REST_2 -> new Rest2Gateway(new Rest2Client(transport), new Rest12Client(transport), poller);
            case AUTO -> throw new IllegalArgumentException("resolve the API from the spec first: DeploySpec.api()");
        };
    }
}
