// Read from jenkinsci/credentials-plugin @ d96751bcc06d : src/main/java/com/cloudbees/plugins/credentials/CredentialsDescriptor.java (only the members this plugin uses)
package com.cloudbees.plugins.credentials;

import hudson.model.Descriptor;
import org.jenkins.ui.icon.IconSpec;

public abstract class CredentialsDescriptor extends Descriptor<Credentials> implements IconSpec {
    protected CredentialsDescriptor(Class<? extends Credentials> clazz) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    protected CredentialsDescriptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getCredentialsPage() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getIconClassName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean isApplicable(CredentialsProvider provider) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getDescription() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
