package io.jenkins.plugins.databricks.api.rest12;

/**
 * A workspace library as {@code libraries/list} names it.
 *
 * @param id library id (a workspace node id, kept as a string)
 * @param name display name
 * @param folder workspace folder, without a trailing slash
 */
public record Library(String id, String name, String folder) {}
