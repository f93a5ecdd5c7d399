// Read from jenkinsci/stapler @ 2076.v1b_a_c12445eb_e (1bac12445ebe, bundled by jenkins-2.555.3) : core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java (extends jakarta.servlet.http.HttpServletRequest left out)
package org.kohsuke.stapler;

import java.util.List;
import net.sf.json.JSONObject;

public interface StaplerRequest2 {
    void bindJSON(Object bean, JSONObject src);

    <T> List<T> bindJSONToList(Class<T> type, Object src);
}
