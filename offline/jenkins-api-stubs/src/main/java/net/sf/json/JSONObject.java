// Read from jenkinsci/json-lib @ json-lib-2.4-jenkins-15 (bundled by jenkins-2.555.3) : src/main/java/net/sf/json/JSONObject.java (extends AbstractJSON, implements JSON, Map, Comparable left out)
package net.sf.json;

public final class JSONObject {
    public JSONObject() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public Object get(String key) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
