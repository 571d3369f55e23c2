package io.stratum.orchestration;

import io.stratum.intelligence.ModelRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Models promoted on one node are served by all: every node polls the registry's metadata (one row per model) and
 * hot-swaps to the champion the database names. The model files are read from the shared models directory.
 */
@Component
class ClusterNodeChampionRefresh {

    private static final Logger log = LoggerFactory.getLogger(ClusterNodeChampionRefresh.class);

    private final ObjectProvider<ModelRegistry> registry;

    /** A provider: contexts that scan only this package (wiring tests) have no registry, and need no refresh. */
    ClusterNodeChampionRefresh(ObjectProvider<ModelRegistry> registry) {
        this.registry = registry;
    }

    @Scheduled(initialDelayString = "${stratum.cluster.champion-refresh:PT10S}",
            fixedDelayString = "${stratum.cluster.champion-refresh:PT10S}")
    void refresh() {
        try {
            registry.ifAvailable(ModelRegistry::refreshChampions);
        } catch (RuntimeException e) {
            // e.g. the shared models directory is unreachable: keep serving the current champion, try again later
            log.warn("Could not refresh the served models: {}", e.toString());
        }
    }
}
