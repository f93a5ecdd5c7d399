package io.jenkins.plugins.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;

/**
 * Every web method the plugin's descriptors expose ({@code doFill*}, {@code doCheck*}, {@code doTest*}, any
 * {@code do*}) answers POST only, as the Jenkins security scan expects: a GET from a link in a mail or on another site
 * must never reach one. The permission checks inside them need a running Jenkins (SecurityJenkinsTest).
 */
class FormEndpointsTest {

    private static final List<Class<?>> DESCRIPTORS = List.of(
            DatabricksDeployStep.DescriptorImpl.class,
            DeployConfiguration.DescriptorImpl.class,
            DatabricksDeployBuilder.DescriptorImpl.class,
            DatabricksDeployRecorder.DescriptorImpl.class,
            DatabricksWorkspace.DescriptorImpl.class);

    @Test
    void everyWebMethodIsPostOnly() {
        List<String> webMethods = new ArrayList<>();
        List<String> withoutPost = new ArrayList<>();
        for (Class<?> descriptor : DESCRIPTORS) {
            for (Method m : descriptor.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && m.getName().matches("do[A-Z].*")) {
                    String name = descriptor.getEnclosingClass().getSimpleName() + "." + m.getName();
                    webMethods.add(name);
                    if (!m.isAnnotationPresent(POST.class)) {
                        withoutPost.add(name);
                    }
                }
            }
        }
        assertThat(webMethods)
                .as("the scan sees the form methods")
                .contains(
                        "DeployConfiguration.doFillCredentialsIdItems",
                        "DeployConfiguration.doFillRestartItems",
                        "DatabricksDeployRecorder.doFillResultThresholdItems",
                        "DatabricksWorkspace.doTestConnection",
                        "DatabricksWorkspace.doCheckAllowedFolders");
        assertThat(withoutPost).as("web methods without @POST").isEmpty();
    }
}
