package io.stratum.orchestration;

import org.springframework.beans.factory.ObjectProvider;

/** Lookup of a port another layer implements, resolved when a step runs (so the engine starts without it). */
final class Beans {

    private Beans() {
    }

    static <T> T required(ObjectProvider<T> provider, Class<T> type) {
        T bean = provider.getIfAvailable();
        if (bean == null) {
            throw new IllegalStateException("No implementation of " + type.getName() + " is configured");
        }
        return bean;
    }
}
