package io.jenkins.plugins.databricks.benchmark;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.deploy.DatabricksGateway;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import java.util.function.Consumer;

/** REST 1.2 through the engine's {@link Rest12Gateway} over our {@link Rest12Client}. */
final class Rest12Fleet implements FleetBackend {

    @Override
    public String api() {
        return "1.2";
    }

    @Override
    public String name() {
        return "REST 1.2";
    }

    @Override
    public Connection connect(String url, String token, Consumer<String> onRetry) {
        Rest12Client client = HttpTransport.builder(url)
                .auth(Auth.bearer(token))
                .retryListener((endpoint, attempt, delay, reason) -> onRetry.accept(endpoint))
                .build(Rest12Client::new);
        Rest12Gateway gateway = new Rest12Gateway(client);
        return new Connection() {
            @Override
            public DatabricksGateway gateway() {
                return gateway;
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    @Override
    public DeploySpec.Builder target(DeploySpec.Builder spec) {
        return spec.folder("/Shared/bench");
    }

    /**
     * Pre-flight 4 ({@code clusters/list}, {@code libraries/list}, {@code libraries/status} of the two old versions),
     * upload 1, attach N, detach N, restart N, wait 2 ({@code clusters/list} and the new version's status), smoke 5N
     * (create, status of context, execute, status of command, destroy), clean-up 1 ({@code libraries/delete}).
     */
    @Override
    public int protocolMinimum(int clusters) {
        return 8 + 8 * clusters;
    }

    @Override
    public String minimumFormula() {
        return "8 + 8N";
    }
}
