// Read from jenkinsci/credentials-plugin @ d96751bcc06d : src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java
package com.cloudbees.plugins.credentials;

import hudson.model.ModelObject;
import java.io.Serializable;

public enum CredentialsScope implements Serializable {
    SYSTEM {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("compile-only stub");
        }
    },
    GLOBAL {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("compile-only stub");
        }
    },
    USER {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("compile-only stub");
        }
    };

    public abstract String getDisplayName();

    public abstract boolean isVisible(ModelObject context);
}
