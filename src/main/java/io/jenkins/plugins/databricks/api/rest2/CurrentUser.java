package io.jenkins.plugins.databricks.api.rest2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who the credentials belong to ({@code GET /api/2.0/preview/scim/v2/Me}): a user (named by e-mail) or a
 * service principal (named by its application id). What the dedicated-mode check compares with
 * {@code single_user_name}, and what Test Connection shows.
 *
 * @param id the SCIM id
 * @param principal SCIM {@code userName}: e.g. {@code jenkins@example.com}, or a service principal's application id;
 *     what a dedicated cluster's {@code single_user_name} names
 * @param displayName may be {@code null}
 * @param active whether the identity is active ({@code true} when the server did not say)
 */
public record CurrentUser(String id, String principal, String displayName, boolean active) {

    @JsonCreator
    static CurrentUser fromWire(
            @JsonProperty("id") String id,
            @JsonProperty("userName") String principal,
            @JsonProperty("displayName") String displayName,
            @JsonProperty("active") Boolean active) {
        return new CurrentUser(id, principal, displayName, active == null || active);
    }
}
