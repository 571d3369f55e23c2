package io.stratum.intelligence;

import io.stratum.intelligence.bootstrap.BootstrapModels;
import io.stratum.intelligence.text.SentenceEncoder;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * "Models ready on first start": every configured model without a champion gets version 1 trained on the
 * bootstrap data (or taken from the bootstrap cache) and registered as champion, before anything classifies.
 */
@Component
class ModelBootstrapper {

    static final String ACTOR = "bootstrap";
    private static final Logger log = LoggerFactory.getLogger(ModelBootstrapper.class);

    private final ModelRegistry registry;
    private final SentenceEncoder encoder;
    private final IntelligenceSettings settings;

    ModelBootstrapper(ModelRegistry registry, SentenceEncoder encoder, IntelligenceSettings settings) {
        this.registry = registry;
        this.encoder = encoder;
        this.settings = settings;
    }

    @PostConstruct
    void bootstrap() {
        List<String> missing = settings.models().keySet().stream().filter(m -> !registry.hasChampion(m)).toList();
        List<String> trainable = missing.stream().filter(BootstrapModels::canBootstrap).toList();
        missing.stream().filter(m -> !BootstrapModels.canBootstrap(m))
                .forEach(m -> log.warn("Model {} is configured but has no champion and no bootstrap data", m));
        if (trainable.isEmpty()) {
            return;
        }
        try {
            Map<String, BootstrapModels.Artefact> artefacts = bootstrapModels().artefacts(trainable);
            artefacts.values().forEach(a ->
                    registry.register(a.name(), a.dir(), a.metrics(), a.trainingData(), ACTOR, true));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bootstrap models " + trainable + ": " + e.getMessage(), e);
        }
    }

    BootstrapModels bootstrapModels() {
        return new BootstrapModels(settings.bootstrapCache(), settings.bootstrapExamples(),
                settings.training().toConfig(), encoder);
    }
}
