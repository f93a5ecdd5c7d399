// Read from jenkinsci/credentials-plugin @ d96751bcc06d : src/main/java/com/cloudbees/plugins/credentials/BaseCredentials.java (@ExportedBean left out)
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

public class BaseCredentials implements Credentials {
    private static final long serialVersionUID = 1L;

    protected BaseCredentials() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public BaseCredentials(@CheckForNull CredentialsScope scope) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @CheckForNull
    @Override
    public CredentialsScope getScope() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    @Override
    public CredentialsDescriptor getDescriptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
