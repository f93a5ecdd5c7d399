// Read from jenkinsci/credentials-plugin @ d96751bcc06d : src/main/java/com/cloudbees/plugins/credentials/impl/BaseStandardCredentials.java (@ExportedBean, the descriptor's id check and its helpers left out)
package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.BaseCredentials;
import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {
    private static final long serialVersionUID = 1L;

    public BaseStandardCredentials(@CheckForNull String id, @CheckForNull String description) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public BaseStandardCredentials(
            @CheckForNull CredentialsScope scope, @CheckForNull String id, @CheckForNull String description) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    @Override
    public String getDescription() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @NonNull
    @Override
    public String getId() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public final int hashCode() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public final boolean equals(Object o) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    protected abstract static class BaseStandardCredentialsDescriptor extends CredentialsDescriptor {
        protected BaseStandardCredentialsDescriptor() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        protected BaseStandardCredentialsDescriptor(Class<? extends BaseStandardCredentials> clazz) {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
