package io.jenkins.plugins.databricks.deploy.cli;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.auth.AzureServicePrincipal;
import io.jenkins.plugins.databricks.api.auth.OAuthM2M;
import io.jenkins.plugins.databricks.api.auth.WorkloadIdentityFederation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Databricks unified-auth environment variables, as the SDKs read them: {@code DATABRICKS_TOKEN} (pat),
 * {@code DATABRICKS_CLIENT_ID} + {@code DATABRICKS_CLIENT_SECRET} (oauth-m2m), {@code DATABRICKS_OIDC_TOKEN}
 * (env-oidc) or {@code DATABRICKS_OIDC_TOKEN_FILEPATH} (file-oidc), each with an optional {@code DATABRICKS_CLIENT_ID},
 * and {@code ARM_TENANT_ID} + {@code ARM_CLIENT_ID} + {@code ARM_CLIENT_SECRET} (azure-client-secret, with
 * {@code ARM_ENVIRONMENT} for sovereign clouds). {@code DATABRICKS_AUTH_TYPE} picks one when several are set;
 * without it, more than one complete method — or half of one — is an error naming the variables.
 */
final class EnvironmentAuth {

    /** One method and the variables it was read from. */
    record Choice(String type, String clientId, List<String> variables, Map<String, String> env) {

        /** The client's auth; {@code azureLoginHost} replaces the cloud's login host (the emulator's URL). */
        Auth auth(String azureLoginHost) {
            return switch (type) {
                case "pat" -> Auth.bearer(env.get("DATABRICKS_TOKEN"));
                case "oauth-m2m" -> Auth.tokens(OAuthM2M.of(clientId, env.get("DATABRICKS_CLIENT_SECRET")));
                case "env-oidc" ->
                    Auth.tokens(WorkloadIdentityFederation.of(() -> env.get("DATABRICKS_OIDC_TOKEN"), clientId));
                case "file-oidc" -> {
                    Path file = Path.of(env.get("DATABRICKS_OIDC_TOKEN_FILEPATH"));
                    // Read again for every exchange: whatever writes the file may have renewed the token.
                    yield Auth.tokens(WorkloadIdentityFederation.of(() -> firstLine(file), clientId));
                }
                case "azure-client-secret" ->
                    Auth.tokens(AzureServicePrincipal.of(
                            env.get("ARM_TENANT_ID"),
                            clientId,
                            env.get("ARM_CLIENT_SECRET"),
                            azureLoginHost != null ? azureLoginHost : loginHost(env.get("ARM_ENVIRONMENT"))));
                default -> throw new IllegalStateException(type);
            };
        }
    }

    private EnvironmentAuth() {}

    /**
     * The method the variables (and {@code --token}, which counts as {@code DATABRICKS_TOKEN}) select, or {@code
     * null} when none is set.
     *
     * @throws IllegalArgumentException for an ambiguous or incomplete set, naming the variables
     */
    static Choice resolve(Map<String, String> environment, String tokenOption) {
        Map<String, String> env = new java.util.HashMap<>();
        environment.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                env.put(k, v.strip());
            }
        });
        if (tokenOption != null && !tokenOption.isBlank()) {
            env.put("DATABRICKS_TOKEN", tokenOption.strip());
        }
        List<Choice> complete = new ArrayList<>();
        String dbxClient = env.get("DATABRICKS_CLIENT_ID");
        if (env.containsKey("DATABRICKS_TOKEN")) {
            complete.add(new Choice("pat", null, List.of("DATABRICKS_TOKEN"), env));
        }
        if (env.containsKey("DATABRICKS_CLIENT_SECRET")) {
            if (dbxClient == null) {
                throw new IllegalArgumentException("DATABRICKS_CLIENT_SECRET is set without DATABRICKS_CLIENT_ID: set"
                        + " the service principal's application id too (OAuth M2M)");
            }
            complete.add(new Choice(
                    "oauth-m2m", dbxClient, List.of("DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET"), env));
        }
        if (env.containsKey("DATABRICKS_OIDC_TOKEN")) {
            complete.add(new Choice("env-oidc", dbxClient, withClient("DATABRICKS_OIDC_TOKEN", dbxClient), env));
        }
        if (env.containsKey("DATABRICKS_OIDC_TOKEN_FILEPATH")) {
            complete.add(
                    new Choice("file-oidc", dbxClient, withClient("DATABRICKS_OIDC_TOKEN_FILEPATH", dbxClient), env));
        }
        List<String> arm = List.of("ARM_TENANT_ID", "ARM_CLIENT_ID", "ARM_CLIENT_SECRET");
        List<String> armSet = arm.stream().filter(env::containsKey).toList();
        if (armSet.size() == arm.size()) {
            complete.add(new Choice("azure-client-secret", env.get("ARM_CLIENT_ID"), arm, env));
        }
        String type = env.get("DATABRICKS_AUTH_TYPE");
        if (type != null) {
            String wanted = type.toLowerCase(Locale.ROOT);
            return complete.stream()
                    .filter(c -> c.type().equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "DATABRICKS_AUTH_TYPE=" + type + " but its" + " variables are not set; set "
                                    + variablesOf(wanted) + " (or unset DATABRICKS_AUTH_TYPE)"));
        }
        if (!armSet.isEmpty() && armSet.size() < arm.size()) {
            List<String> missing = arm.stream().filter(v -> !env.containsKey(v)).toList();
            throw new IllegalArgumentException(String.join(" and ", armSet) + " set without "
                    + String.join(" and ", missing) + ": an Azure service principal needs all of " + arm);
        }
        if (complete.size() > 1) {
            List<String> named = new ArrayList<>();
            complete.forEach(c -> named.add(c.type() + " (" + String.join(", ", c.variables()) + ")"));
            throw new IllegalArgumentException("more than one way to authenticate is set: " + String.join("; ", named)
                    + ". Unset all but one, or choose with DATABRICKS_AUTH_TYPE="
                    + complete.get(0).type());
        }
        if (complete.isEmpty() && dbxClient != null) {
            throw new IllegalArgumentException("DATABRICKS_CLIENT_ID is set alone: add DATABRICKS_CLIENT_SECRET"
                    + " (OAuth M2M) or DATABRICKS_OIDC_TOKEN / DATABRICKS_OIDC_TOKEN_FILEPATH (federation)");
        }
        return complete.isEmpty() ? null : complete.get(0);
    }

    private static List<String> withClient(String variable, String clientId) {
        return clientId == null ? List.of(variable) : List.of(variable, "DATABRICKS_CLIENT_ID");
    }

    private static String variablesOf(String type) {
        return switch (type) {
            case "pat" -> "DATABRICKS_TOKEN";
            case "oauth-m2m" -> "DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET";
            case "env-oidc" -> "DATABRICKS_OIDC_TOKEN";
            case "file-oidc" -> "DATABRICKS_OIDC_TOKEN_FILEPATH";
            case "azure-client-secret" -> "ARM_TENANT_ID, ARM_CLIENT_ID and ARM_CLIENT_SECRET";
            default -> "one of pat, oauth-m2m, env-oidc, file-oidc, azure-client-secret as DATABRICKS_AUTH_TYPE";
        };
    }

    /** {@code ARM_ENVIRONMENT} as the Azure SDKs name the clouds. */
    static String loginHost(String environment) {
        if (environment == null) {
            return null;
        }
        return switch (environment.toUpperCase(Locale.ROOT).replace("AZURE", "").replace("CLOUD", "")) {
            case "PUBLIC", "" -> AzureServicePrincipal.PUBLIC_LOGIN_HOST;
            case "USGOVERNMENT", "USGOV" -> "https://login.microsoftonline.us/";
            case "CHINA" -> "https://login.chinacloudapi.cn/";
            default ->
                throw new IllegalArgumentException(
                        "ARM_ENVIRONMENT=" + environment + " is not a cloud: use PUBLIC, USGOVERNMENT or CHINA");
        };
    }

    private static String firstLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(Objects.requireNonNull(file), StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(0).strip();
    }
}
