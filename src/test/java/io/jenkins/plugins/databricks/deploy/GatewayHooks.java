package io.jenkins.plugins.databricks.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Wraps the real gateway (real HTTP underneath) to act at one exact moment of a deploy: interrupt the deploy thread
 * after an operation, or let another party act before it.
 */
final class GatewayHooks {

    private GatewayHooks() {}

    /** Interrupts the calling thread right after the {@code n}-th call of {@code method} returns. */
    static DatabricksGateway interruptAfter(DatabricksGateway real, String method, int n) {
        int[] seen = {0};
        return around(real, method, () -> {}, () -> {
            if (++seen[0] == n) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static DatabricksGateway before(DatabricksGateway real, String method, Runnable action) {
        return around(real, method, action, () -> {});
    }

    private static DatabricksGateway around(DatabricksGateway real, String method, Runnable before, Runnable after) {
        return (DatabricksGateway) Proxy.newProxyInstance(
                DatabricksGateway.class.getClassLoader(), new Class<?>[] {DatabricksGateway.class}, (p, m, args) -> {
                    boolean hit = m.getName().equals(method);
                    if (hit) {
                        before.run();
                    }
                    Object result;
                    try {
                        result = m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (hit) {
                        after.run();
                    }
                    return result;
                });
    }
}
