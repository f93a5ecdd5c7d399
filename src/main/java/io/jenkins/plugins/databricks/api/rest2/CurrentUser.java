package io.jenkins.plugins.databricks.api.rest2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who the credentials belong to ({@code GET /api/2.0/preview/scim/v2/Me}): a user (userName is the e-mail) or a
 * service principal (userName is its application id). What the dedicated-mode check compares with
 * {@code single_user_name}, and what Test Connection shows.
 *
 * @param id the SCIM id
 * @param userName e.g. {@code jenkins@example.com}, or a service principal's application id
 * @param displayName may be {@code null}
 * @param active whether the identity is active ({@code true} when the server did not say)
 */
public record CurrentUser(String id, String userName, String displayName, boolean active) {

    @JsonCreator
    static CurrentUser fromWire(
            @JsonProperty("id") String id,
            @JsonProperty("userName") String userName,
            @JsonProperty("displayName") String displayName,
            @JsonProperty("active") Boolean active) {
        return new CurrentUser(id, userName, displayName, active == null || active);
    }
}
