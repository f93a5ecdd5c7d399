// Read from jenkinsci/stapler @ 135bbbc88aa4 : core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java (extends jakarta.servlet.http.HttpServletRequest left out)
package org.kohsuke.stapler;

import net.sf.json.JSONObject;

public interface StaplerRequest2 {
    void bindJSON(Object bean, JSONObject src);
}
