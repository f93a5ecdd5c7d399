// Read from spring-projects/spring-security @ 6.5.9 (bundled by jenkins-2.555.3) : core/src/main/java/org/springframework/security/core/Authentication.java
package org.springframework.security.core;

import java.io.Serializable;
import java.security.Principal;

public interface Authentication extends Principal, Serializable {}
