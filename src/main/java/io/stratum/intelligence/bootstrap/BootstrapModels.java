package io.stratum.intelligence.bootstrap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.intelligence.model.HeadTrainer;
import io.stratum.intelligence.model.TrainingConfig;
import io.stratum.intelligence.text.SentenceEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Trains the bootstrap models from generated inquiries, or reuses a previous identical training from the cache.
 * The cache key hashes everything the result depends on (phrases, generator version, size, seed, training
 * config, encoder), so a changed input never reuses a stale artefact.
 */
public final class BootstrapModels {

    public static final String TOPIC_MODEL = "support-topic";
    public static final String URGENCY_MODEL = "support-urgency";
    private static final Map<String, Function<SupportInquiryGenerator.Example, String>> LABELS = Map.of(
            TOPIC_MODEL, SupportInquiryGenerator.Example::topic,
            URGENCY_MODEL, SupportInquiryGenerator.Example::urgency);
    private static final Logger log = LoggerFactory.getLogger(BootstrapModels.class);

    /** A trained bootstrap model: its directory (weights.bin, labels.txt) and hold-out metrics. */
    public record Artefact(String name, Path dir, Map<String, Object> metrics, String trainingData) {
    }

    private final Path cacheDir;
    private final int examples;
    private final long seed;
    private final TrainingConfig config;
    private final SentenceEncoder encoder;
    private final ObjectMapper json = new ObjectMapper();

    /** @param encoder embeds the examples when the config uses embeddings (the models then record it) */
    public BootstrapModels(Path cacheDir, int examples, TrainingConfig config, SentenceEncoder encoder) {
        this.cacheDir = cacheDir;
        this.encoder = encoder;
        this.examples = examples;
        this.seed = config.seed();
        this.config = config;
    }

    /** The generated (text, label) examples a bootstrap model learns from; empty for models without bootstrap data. */
    public static List<Map.Entry<String, String>> examples(String model, int count, long seed) {
        Function<SupportInquiryGenerator.Example, String> label = LABELS.get(model);
        if (label == null) {
            return List.of();
        }
        return new SupportInquiryGenerator(PhraseBook.load()).generate(count, seed).stream()
                .map(e -> Map.entry(e.text(), label.apply(e))).toList();
    }

    public static boolean canBootstrap(String model) {
        return LABELS.containsKey(model);
    }

    public String key() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(PhraseBook.load().source().getBytes(StandardCharsets.UTF_8));
            md.update(("generator=" + SupportInquiryGenerator.VERSION + ";trainer=" + HeadTrainer.VERSION + ";n=" + examples + ";seed=" + seed
                    + ";config=" + config + ";encoder=" + encoder.form().id()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the artefacts for the requested models, training (all at once, one embedding pass) on a cache miss. */
    public synchronized Map<String, Artefact> artefacts(List<String> models) throws IOException {
        String key = key();
        Path dir = cacheDir.resolve(key);
        String trainingData = "bootstrap:" + key + " (" + examples + " generated inquiries, seed " + seed + ")";
        if (!models.stream().allMatch(m -> Files.exists(dir.resolve(m).resolve("metrics.json")))) {
            train(dir);
        } else {
            log.info("Bootstrap models reused from cache {}", dir);
        }
        Map<String, Artefact> out = new LinkedHashMap<>();
        for (String m : models) {
            Path d = dir.resolve(m);
            Map<String, Object> metrics = json.readValue(d.resolve("metrics.json").toFile(), new TypeReference<>() {
            });
            out.put(m, new Artefact(m, d, metrics, trainingData));
        }
        return out;
    }

    private void train(Path target) throws IOException {
        long started = System.nanoTime();
        List<SupportInquiryGenerator.Example> data = new SupportInquiryGenerator(PhraseBook.load()).generate(examples, seed);
        List<String> texts = data.stream().map(SupportInquiryGenerator.Example::text).toList();
        float[][] embeddings = config.features().usesEmbedding() ? encoder.embedAll(texts, 32) : null;
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempDirectory(cacheDir, "training-");
        for (Map.Entry<String, Function<SupportInquiryGenerator.Example, String>> e : LABELS.entrySet()) {
            List<String> labels = data.stream().map(e.getValue()).toList();
            HeadTrainer.Result r = HeadTrainer.train(texts, labels, embeddings, config, texts.size()); // all generated
            if (embeddings != null) {
                r = r.withEncoder(encoder.form());
            }
            Path d = tmp.resolve(e.getKey());
            r.model().save(d);
            json.writerWithDefaultPrettyPrinter().writeValue(d.resolve("metrics.json").toFile(), r.metrics());
            log.info("Bootstrap model {} trained: {}", e.getKey(), r.metrics());
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.exists(target)) { // another process won the race: use its artefact
                throw e;
            }
        }
        log.info("Bootstrap training took {} s", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
    }
}
