package io.stratum.intelligence.maintenance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.intelligence.CacheKeys;
import io.stratum.intelligence.IntelligenceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves the remaining-useful-life model like {@link FailurePredictor} serves the failure model: the bootstrap
 * model is trained from {@link RulDataGenerator}'s engines (no public data) in the background once the server is up,
 * kept in the bootstrap cache (keyed by its settings) so later starts only load it, and held in memory;
 * {@link #replace} swaps in another atomically.
 */
@Service
public class RulPredictor {

    public static final String MODEL = "maintenance-rul";
    private static final Logger log = LoggerFactory.getLogger(RulPredictor.class);
    /** Part of the cache key: bump when the generator or the trainer changes what the same settings produce. */
    private static final int BOOTSTRAP_VERSION = 1;

    private final RulModelSettings settings;
    private final Path cache;
    private final AtomicReference<RulModel> current = new AtomicReference<>();
    private volatile Map<String, Object> metrics = Map.of();

    /** Without a cache: trains on first use (tests, benchmarks). */
    public RulPredictor(RulModelSettings settings) {
        this.settings = settings;
        this.cache = null;
    }

    @Autowired
    public RulPredictor(RulModelSettings settings, IntelligenceSettings intelligence) {
        this(settings, intelligence.bootstrapCache());
    }

    RulPredictor(RulModelSettings settings, Path cache) {
        this.settings = settings;
        this.cache = cache;
    }

    /** Models ready on first start: trains (or loads) the bootstrap model without holding up the server's start. */
    @EventListener(ApplicationReadyEvent.class)
    public void warmUp() {
        Thread t = new Thread(() -> {
            try {
                model();
            } catch (RuntimeException e) {
                log.error("Remaining-life model could not be prepared (the first forecast tries again): {}",
                        e.getMessage(), e);
            }
        }, "stratum-rul-bootstrap");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Remaining life in cycles after the newest of {@code cycles} (oldest first, 21 C-MAPSS sensor values each), or
     * null when the history is shorter than {@code min-history}.
     */
    public Double remainingCycles(List<double[]> cycles) {
        if (cycles.size() < settings.minHistory()) {
            return null;
        }
        List<double[]> recent = cycles.subList(Math.max(0, cycles.size() - settings.maxHistory()), cycles.size());
        return model().predict(new EngineHistory("asset", recent, 0));
    }

    public RulModel model() {
        RulModel m = current.get();
        if (m != null) {
            return m;
        }
        synchronized (this) {
            if (current.get() == null) {
                RulTrainer.Result result = cache == null ? bootstrap(settings) : cached();
                metrics = result.metrics();
                current.set(result.model());
            }
            return current.get();
        }
    }

    /** The bootstrap model from the cache, trained and stored first on a miss. */
    private RulTrainer.Result cached() {
        Path dir = cache.resolve("rul-" + key());
        Path file = dir.resolve("rul-model.bin");
        Path metricsFile = dir.resolve("metrics.json");
        ObjectMapper json = new ObjectMapper();
        try {
            if (Files.exists(metricsFile)) {
                return new RulTrainer.Result(RulModel.load(file),
                        json.readValue(metricsFile.toFile(), new TypeReference<Map<String, Object>>() { }));
            }
            RulTrainer.Result result = bootstrap(settings);
            log.info("Remaining-life model trained on {} generated engines: {}", settings.bootstrapEngines(),
                    result.metrics());
            Files.createDirectories(cache);
            Path tmp = Files.createTempDirectory(cache, "rul-training-");
            result.model().save(tmp.resolve(file.getFileName()));
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(metricsFile.getFileName()).toFile(),
                    result.metrics());
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.exists(dir)) { // another process won the race: its artefact is as good
                    throw e;
                }
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot keep the remaining-life model in " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    private String key() {
        String config = "bootstrap=" + BOOTSTRAP_VERSION + ";engines=" + settings.bootstrapEngines() + ";config="
                + settings.trainerConfig();
        return CacheKeys.of(config);
    }

    /** The bootstrap model as the server trains it (also for the benchmark). */
    public static RulTrainer.Result bootstrap(RulModelSettings settings) {
        List<EngineHistory> engines = new RulDataGenerator(settings.seed()).generate(settings.bootstrapEngines());
        return RulTrainer.train(engines, settings.trainerConfig());
    }

    /** Hold-out metrics (on generated engines) of the model in service; empty before the first forecast. */
    public Map<String, Object> metrics() {
        return metrics;
    }

    public void replace(RulModel model, Map<String, Object> newMetrics) {
        current.set(model);
        metrics = Map.copyOf(newMetrics);
    }
}
