package io.stratum.intelligence.maintenance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.intelligence.CacheKeys;
import io.stratum.intelligence.IntelligenceSettings;
import io.stratum.intelligence.ModelFormat;
import io.stratum.intelligence.ModelRegistry;
import io.stratum.intelligence.ModelVersion;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Puts the failure model into the model registry: its format, version 1 trained on generated machine data at first
 * start (kept in the bootstrap cache, so fresh installs and test contexts train it once), and
 * {@link FailurePredictor} serving the registry's champion, so a promoted or rolled-back version serves the next
 * prediction without a restart.
 */
@Component
public class FailureModelRegistration {

    static final String ACTOR = "bootstrap";
    /** Bumped whenever the bootstrap training changes for the same settings (part of the cache key). */
    static final int BOOTSTRAP_VERSION = 2;
    private static final Logger log = LoggerFactory.getLogger(FailureModelRegistration.class);

    /** How the registry stores a failure model version: one file, {@value FailureModel#FILE}. */
    public static final ModelFormat<FailureModel> FORMAT = new ModelFormat<>() {
        @Override
        public String kind() {
            return "failure";
        }

        @Override
        public List<String> files() {
            return List.of(FailureModel.FILE);
        }

        @Override
        public FailureModel load(Path dir, int version) throws IOException {
            return FailureModel.load(dir, version);
        }
    };

    private final ModelRegistry registry;
    private final FailurePredictor predictor;
    private final FailureModelSettings settings;
    private final IntelligenceSettings intelligence;
    private volatile Map<String, Object> servedMetrics = Map.of();
    private volatile int metricsOf = -1;

    public FailureModelRegistration(ModelRegistry registry, FailurePredictor predictor, FailureModelSettings settings,
                                    IntelligenceSettings intelligence) {
        this.registry = registry;
        this.predictor = predictor;
        this.settings = settings;
        this.intelligence = intelligence;
    }

    @PostConstruct
    void register() {
        registry.format(FailurePredictor.MODEL, FORMAT);
        if (!registry.hasChampion(FailurePredictor.MODEL)) {
            try {
                Path dir = bootstrapArtefact();
                Map<String, Object> metrics = new ObjectMapper().readValue(dir.resolve("metrics.json").toFile(),
                        new TypeReference<>() {
                        });
                registry.register(FailurePredictor.MODEL, dir, metrics, "bootstrap:failure-" + key() + " ("
                        + settings.bootstrapExamples() + " generated readings, seed " + settings.seed() + ")",
                        ACTOR, true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot bootstrap model " + FailurePredictor.MODEL + ": "
                        + e.getMessage(), e);
            }
        }
        predictor.serveFrom(() -> registry.champion(FailurePredictor.MODEL).as(FailureModel.class), this::metrics);
    }

    /** Hold-out metrics of the version in service, read from the registry once per version. */
    private Map<String, Object> metrics() {
        int serving = registry.champion(FailurePredictor.MODEL).version();
        if (serving != metricsOf) {
            servedMetrics = registry.versions(FailurePredictor.MODEL).stream()
                    .filter(v -> v.version() == serving).findFirst().map(ModelVersion::metrics).orElse(Map.of());
            metricsOf = serving;
        }
        return servedMetrics;
    }

    /** The cached bootstrap artefact (failure-model.bin + metrics.json), trained first on a cache miss. */
    private synchronized Path bootstrapArtefact() throws IOException {
        Path cache = intelligence.bootstrapCache();
        Path dir = cache.resolve("failure-" + key()).resolve(FailurePredictor.MODEL);
        if (!Files.exists(dir.resolve("metrics.json"))) {
            List<MachineSample> data = new MachineDataGenerator(settings.seed()).generate(settings.bootstrapExamples());
            FailureTrainer.Result r = FailureTrainer.train(data, settings.trainerConfig(), 1);
            Files.createDirectories(cache);
            Path tmp = Files.createTempDirectory(cache, "failure-training-");
            r.model().save(tmp);
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("metrics.json").toFile(),
                    r.metrics());
            Files.createDirectories(dir.getParent());
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.exists(dir)) { // another process won the race: use its artefact
                    throw e;
                }
            }
            log.info("Failure model trained on {} generated readings: {}", data.size(), r.metrics());
        }
        return dir;
    }

    private String key() {
        String config = "bootstrap=" + BOOTSTRAP_VERSION + ";examples=" + settings.bootstrapExamples() + ";config="
                + settings.trainerConfig();
        return CacheKeys.of(config);
    }
}
