package io.stratum.intelligence.invoice;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.intelligence.invoice.synthetic.InvoiceGenerator;
import io.stratum.intelligence.model.HeadTrainer;
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
import java.util.Map;

/**
 * The bootstrap {@value #MODEL} model: trained on generated invoices once per (generator, trainer, settings) and
 * kept in the bootstrap cache, so fresh installs and test contexts reuse it.
 */
public final class InvoiceModelBootstrap {

    public static final String MODEL = "invoice-fields";
    private static final Logger log = LoggerFactory.getLogger(InvoiceModelBootstrap.class);

    /** A trained model directory (weights.bin, labels.txt, metrics.json) and its metrics. */
    public record Artefact(Path dir, Map<String, Object> metrics, String trainingData) {
    }

    private InvoiceModelBootstrap() {
    }

    public static String key(InvoiceModelTrainer.Config config) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("generator=" + InvoiceGenerator.VERSION + ";trainer=" + InvoiceModelTrainer.VERSION + ";head="
                    + HeadTrainer.VERSION + ";config=" + config).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached artefact, trained first on a cache miss. */
    public static synchronized Artefact artefact(Path cacheDir, InvoiceModelTrainer.Config config) throws IOException {
        String key = key(config);
        Path dir = cacheDir.resolve("invoice-" + key).resolve(MODEL);
        ObjectMapper json = new ObjectMapper();
        if (!Files.exists(dir.resolve("metrics.json"))) {
            InvoiceModelTrainer.Result r = InvoiceModelTrainer.train(config);
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempDirectory(cacheDir, "invoice-training-");
            r.model().save(tmp);
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("metrics.json").toFile(), r.metrics());
            Files.createDirectories(dir.getParent());
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.exists(dir)) { // another process won the race: use its artefact
                    throw e;
                }
            }
            log.info("Invoice field model trained: {}", r.metrics());
        }
        Map<String, Object> metrics = json.readValue(dir.resolve("metrics.json").toFile(), new TypeReference<>() {
        });
        return new Artefact(dir, metrics, "bootstrap:invoice-" + key + " (" + config.invoices()
                + " generated invoices, seed " + config.seed() + ")");
    }
}
