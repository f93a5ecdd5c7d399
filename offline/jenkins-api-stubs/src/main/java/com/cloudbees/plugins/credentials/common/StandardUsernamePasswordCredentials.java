// Read from jenkinsci/credentials-plugin @ d96751bcc06d : src/main/java/com/cloudbees/plugins/credentials/common/StandardUsernamePasswordCredentials.java
package com.cloudbees.plugins.credentials.common;

public interface StandardUsernamePasswordCredentials
        extends StandardUsernameCredentials, UsernamePasswordCredentials {}
