// Read from spring-projects/spring-security @ d449950b36 : core/src/main/java/org/springframework/security/core/Authentication.java
package org.springframework.security.core;

import java.io.Serializable;
import java.security.Principal;

public interface Authentication extends Principal, Serializable {}
