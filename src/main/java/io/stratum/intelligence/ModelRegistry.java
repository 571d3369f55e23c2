package io.stratum.intelligence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.intelligence.model.TextModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Model versions on disk ({@code <modelsDir>/<name>/<version>/}: the artefact files of the model's
 * {@link ModelFormat} and metadata.json) and in table {@code model_version}. Serves the champion of each model from an
 * AtomicReference: a promotion swaps it in one step, and a prediction that already read the old champion finishes on
 * it. Holds every kind of model; a name without a registered format is a text classifier.
 */
@Service
public class ModelRegistry {

    /** Inside an artefact or version directory: the model trained without the evaluation hold-out (text kinds). */
    public static final String EVALUATION_DIR = "evaluation";

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    /** The model currently serving a name; {@code served} is the loaded model of the name's format. */
    public record Champion(String name, int version, Object served) {

        /** The served text classifier (the default format). */
        public TextModel model() {
            return as(TextModel.class);
        }

        public <M> M as(Class<M> type) {
            if (!type.isInstance(served)) {
                throw new ClassificationException("Model " + name + " v" + version + " is not a "
                        + type.getSimpleName());
            }
            return type.cast(served);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Path modelsDir;
    private final Map<String, AtomicReference<Champion>> champions = new ConcurrentHashMap<>();
    private final Map<String, ModelFormat<?>> formats = new ConcurrentHashMap<>();

    public ModelRegistry(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json, IntelligenceSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.modelsDir = settings.modelsDir();
    }

    /** Declares how a model's versions are stored and loaded (before its first version is registered or served). */
    public void format(String name, ModelFormat<?> format) {
        formats.put(name, format);
    }

    /** The model's format; text unless declared otherwise. */
    public ModelFormat<?> formatOf(String name) {
        return formats.getOrDefault(name, ModelFormat.TEXT);
    }

    public Champion champion(String name) {
        AtomicReference<Champion> ref = champions.get(name);
        Champion c = ref == null ? null : ref.get();
        if (c == null) {
            c = loadChampion(name).orElseThrow(() -> new UnknownModelException(name));
        }
        return c;
    }

    public boolean hasChampion(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM model_version WHERE name = ? AND status = 'champion'")
                .param(name).query(Integer.class).single() > 0;
    }

    public List<String> names() {
        return jdbc.sql("SELECT DISTINCT name FROM model_version ORDER BY name").query(String.class).list();
    }

    public List<ModelVersion> versions(String name) {
        return jdbc.sql("SELECT * FROM model_version WHERE name = ? ORDER BY version").param(name)
                .query(this::row).list();
    }

    /**
     * Copies a trained model's files into the next version directory and records it.
     *
     * @param artefact directory holding the files of the model's format (for text: weights.bin and labels.txt)
     */
    public synchronized ModelVersion register(String name, Path artefact, Map<String, Object> metrics, String trainingData,
                                 String createdBy, boolean asChampion) {
        int version = jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM model_version WHERE name = ?").param(name)
                .query(Integer.class).single() + 1;
        Path dir = modelsDir.resolve(name).resolve(Integer.toString(version));
        Instant now = Instant.now();
        try {
            Files.createDirectories(dir);
            for (String file : formatOf(name).files()) {
                Files.copy(artefact.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Path evaluation = artefact.resolve(EVALUATION_DIR);
            if (Files.isDirectory(evaluation)) {
                Files.createDirectories(dir.resolve(EVALUATION_DIR));
                for (String file : formatOf(name).files()) {
                    Files.copy(evaluation.resolve(file), dir.resolve(EVALUATION_DIR).resolve(file),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("name", name);
            meta.put("version", version);
            meta.put("kind", formatOf(name).kind());
            meta.put("trainingData", trainingData);
            meta.put("createdAt", now.toString());
            meta.put("createdBy", createdBy);
            meta.put("metrics", metrics);
            json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("metadata.json").toFile(), meta);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store model " + name + " v" + version + ": " + e.getMessage(), e);
        }
        jdbc.sql("""
                INSERT INTO model_version (name, version, status, path, metrics, training_data, created_at, created_by)
                VALUES (?, ?, 'challenger', ?, ?, ?, ?, ?)""")
                .params(name, version, dir.toAbsolutePath().toString(), write(metrics), trainingData, utc(now), createdBy)
                .update();
        log.info("Registered model {} v{} ({})", name, version, trainingData);
        if (asChampion) {
            promote(name, version, createdBy);
        }
        return versions(name).stream().filter(v -> v.version() == version).findFirst().orElseThrow();
    }

    /**
     * Makes a version the champion: loads it first (a broken artefact never becomes champion), retires the
     * previous champion in the same transaction, then swaps the served model atomically.
     */
    public synchronized void promote(String name, int version, String actor) {
        ModelVersion target = versions(name).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new UnknownModelException(name + " v" + version));
        Object model = load(target);
        tx.executeWithoutResult(status -> {
            jdbc.sql("UPDATE model_version SET status = 'retired' WHERE name = ? AND status = 'champion'")
                    .param(name).update();
            jdbc.sql("UPDATE model_version SET status = 'champion', promoted_at = ?, promoted_by = ? "
                            + "WHERE name = ? AND version = ?")
                    .params(utc(Instant.now()), actor, name, version).update();
        });
        Runnable swap = () -> {
            champions.computeIfAbsent(name, k -> new AtomicReference<>()).set(new Champion(name, version, model));
            log.info("Model {} v{} is champion (promoted by {})", name, version, actor);
        };
        // Inside a caller's transaction (e.g. a BPMN step) the served model changes only once the status change
        // is committed: a rolled-back promotion must not leave the new version serving.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    swap.run();
                }
            });
        } else {
            swap.run();
        }
    }

    /**
     * Serves the champion the database names, for each model this node serves: in a cluster a promotion happens on
     * one node, and the others pick it up here (their model files come from the shared models directory).
     *
     * @return the models whose served version changed
     */
    public List<String> refreshChampions() {
        List<String> changed = new java.util.ArrayList<>();
        for (Map.Entry<String, AtomicReference<Champion>> e : champions.entrySet()) {
            Champion served = e.getValue().get();
            Optional<ModelVersion> current = versions(e.getKey()).stream()
                    .filter(v -> ModelVersion.CHAMPION.equals(v.status())).findFirst();
            if (served != null && current.isPresent() && current.get().version() != served.version()) {
                ModelVersion v = current.get();
                Champion fresh = new Champion(v.name(), v.version(), load(v));
                // A promotion or rollback on this node while the model loaded is newer than what was read above:
                // it stays (a plain set would serve the stale version until the next refresh)
                if (e.getValue().compareAndSet(served, fresh)) {
                    log.info("Model {} v{} is champion (promoted on another node)", v.name(), v.version());
                    changed.add(v.name());
                }
            }
        }
        return changed;
    }

    /** Loads one version's text model (the one it serves), whatever its status. */
    public TextModel model(String name, int version) {
        return model(name, version, TextModel.class);
    }

    /**
     * The version's text model as it was evaluated: a version that serves a refit on all feedback keeps, in
     * {@link #EVALUATION_DIR}, the model trained without its evaluation hold-out, and scores and calibrations on that
     * hold-out (and on feedback after it) must come from a model that never learnt it; other versions are evaluated
     * as they serve.
     */
    public TextModel evaluationModel(String name, int version) {
        ModelVersion v = version(name, version);
        Path evaluation = Path.of(v.path()).resolve(EVALUATION_DIR);
        if (!Files.isDirectory(evaluation)) {
            AtomicReference<Champion> serving = champions.get(name);
            Champion c = serving == null ? null : serving.get();
            // Evaluated as it serves: the champion's loaded model, when it is that version, spares a read from disk
            return c != null && c.version() == version ? c.as(TextModel.class) : model(name, version);
        }
        try {
            return new Champion(name, version, formatOf(name).load(evaluation, version)).as(TextModel.class);
        } catch (IOException e) {
            throw new ClassificationException("Model " + name + " v" + version + " (as evaluated) cannot be read from "
                    + evaluation + ": " + e.getMessage(), e);
        }
    }

    /** Loads one version's model of any format, whatever its status. */
    public <M> M model(String name, int version, Class<M> type) {
        return new Champion(name, version, load(version(name, version))).as(type);
    }

    private ModelVersion version(String name, int version) {
        return versions(name).stream().filter(x -> x.version() == version).findFirst()
                .orElseThrow(() -> new UnknownModelException(name + " v" + version));
    }

    /** Retires a challenger that will not be promoted; the champion is never touched. Returns false if none. */
    public synchronized boolean retireChallenger(String name, int version) {
        return jdbc.sql("UPDATE model_version SET status = 'retired' WHERE name = ? AND version = ? "
                + "AND status = 'challenger'").params(name, version).update() > 0;
    }

    private synchronized Optional<Champion> loadChampion(String name) {
        AtomicReference<Champion> ref = champions.get(name);
        if (ref != null && ref.get() != null) {
            return Optional.of(ref.get());
        }
        Optional<ModelVersion> current = versions(name).stream()
                .filter(v -> ModelVersion.CHAMPION.equals(v.status())).findFirst();
        return current.map(v -> {
            Champion c = new Champion(name, v.version(), load(v));
            champions.computeIfAbsent(name, k -> new AtomicReference<>()).set(c);
            return c;
        });
    }

    private Object load(ModelVersion v) {
        try {
            return formatOf(v.name()).load(Path.of(v.path()), v.version());
        } catch (IOException e) {
            throw new ClassificationException("Model " + v.name() + " v" + v.version() + " cannot be read from "
                    + v.path() + ": " + e.getMessage(), e);
        }
    }

    private ModelVersion row(ResultSet rs, int n) throws SQLException {
        return new ModelVersion(rs.getString("name"), rs.getInt("version"), rs.getString("status"),
                rs.getString("path"), read(rs.getString("metrics")), rs.getString("training_data"),
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "promoted_at"),
                rs.getString("promoted_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private String write(Map<String, Object> metrics) {
        try {
            return json.writeValueAsString(metrics);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, Object> read(String metrics) {
        try {
            return metrics == null ? Map.of() : json.readValue(metrics, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", metrics);
        }
    }
}
