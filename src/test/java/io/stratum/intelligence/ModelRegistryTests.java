package io.stratum.intelligence;

import io.stratum.intelligence.bootstrap.BootstrapModels;
import io.stratum.intelligence.model.HeadTrainer;
import io.stratum.intelligence.model.TextPipeline;
import io.stratum.intelligence.text.EncoderModel;
import io.stratum.intelligence.text.SentenceEncoders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The application context bootstraps both models on start; promotion swaps the served version atomically. */
@SpringBootTest
@ActiveProfiles("test")
class ModelRegistryTests {

    @Autowired
    ModelRegistry registry;
    @Autowired
    ModelBootstrapper bootstrapper;
    @Autowired
    TextClassifier classifier;
    @Autowired
    ConfidenceThresholds thresholds;
    @Autowired
    IntelligenceSettings settings;
    @Autowired
    SentenceEncoders encoders;

    @Test
    void startRegistersVersionOneChampionOfEachConfiguredModelOnce() {
        for (String name : List.of(BootstrapModels.TOPIC_MODEL, BootstrapModels.URGENCY_MODEL)) {
            List<ModelVersion> versions = registry.versions(name);
            assertThat(versions).isNotEmpty();
            ModelVersion v1 = versions.get(0);
            assertThat(v1.version()).isEqualTo(1);
            assertThat(v1.createdBy()).isEqualTo("bootstrap");
            assertThat(v1.trainingData()).startsWith("bootstrap:");
            assertThat(v1.metrics()).containsKey("accuracy");
            assertThat(Path.of(v1.path())).startsWith(settings.modelsDir().toAbsolutePath());
            assertThat(Files.exists(Path.of(v1.path(), "weights.bin"))).isTrue();
            assertThat(Files.exists(Path.of(v1.path(), "labels.txt"))).isTrue();
            assertThat(Files.exists(Path.of(v1.path(), "metadata.json"))).isTrue();
        }
        int before = registry.versions(BootstrapModels.URGENCY_MODEL).size();
        bootstrapper.bootstrap(); // a second start finds champions and adds nothing
        assertThat(registry.versions(BootstrapModels.URGENCY_MODEL)).hasSize(before);
    }

    @Test
    void aVersionThatServesARefitIsEvaluatedThroughTheModelTrainedWithoutItsHoldOut() throws Exception {
        ModelVersion topic = registry.versions(BootstrapModels.TOPIC_MODEL).get(0);
        ModelVersion urgency = registry.versions(BootstrapModels.URGENCY_MODEL).get(0);
        // An artefact as a text retraining writes it: the served model, and the evaluated one in evaluation/ (here
        // the urgency model, so the two are told apart by their labels)
        Path artefact = Files.createTempDirectory("refit-artefact");
        Path evaluation = Files.createDirectories(artefact.resolve(ModelRegistry.EVALUATION_DIR));
        for (String file : List.of("weights.bin", "labels.txt")) {
            Files.copy(Path.of(topic.path(), file), artefact.resolve(file));
            Files.copy(Path.of(urgency.path(), file), evaluation.resolve(file));
        }
        ModelVersion v = registry.register(BootstrapModels.TOPIC_MODEL, artefact, Map.of("accuracy", 0.9), "test",
                "test", false);
        try {
            assertThat(registry.model(BootstrapModels.TOPIC_MODEL, v.version()).labels())
                    .isEqualTo(registry.model(BootstrapModels.TOPIC_MODEL, topic.version()).labels());
            assertThat(registry.evaluationModel(BootstrapModels.TOPIC_MODEL, v.version()).labels())
                    .isEqualTo(registry.model(BootstrapModels.URGENCY_MODEL, urgency.version()).labels());
            assertThat(Path.of(v.path(), ModelRegistry.EVALUATION_DIR, "weights.bin")).exists();
            // a version without one (bootstrap, older retrainings) is evaluated as it serves
            assertThat(registry.evaluationModel(BootstrapModels.TOPIC_MODEL, topic.version()).labels())
                    .isEqualTo(registry.model(BootstrapModels.TOPIC_MODEL, topic.version()).labels());
            // and when that version is the champion, through its loaded model rather than a second read from disk
            ModelRegistry.Champion champion = registry.champion(BootstrapModels.TOPIC_MODEL);
            assertThat(Path.of(registry.versions(BootstrapModels.TOPIC_MODEL).stream()
                    .filter(x -> x.version() == champion.version()).findFirst().orElseThrow().path(),
                    ModelRegistry.EVALUATION_DIR)).doesNotExist();
            assertThat(registry.evaluationModel(BootstrapModels.TOPIC_MODEL, champion.version()))
                    .isSameAs(champion.model());
        } finally {
            registry.retireChallenger(BootstrapModels.TOPIC_MODEL, v.version());
        }
    }

    @Test
    void bootstrapArtefactComesFromTheSharedCache() {
        Path cached = settings.bootstrapCache().resolve(bootstrapper.bootstrapModels().key());
        assertThat(cached.resolve(BootstrapModels.TOPIC_MODEL).resolve("weights.bin")).exists();
        assertThat(registry.versions(BootstrapModels.TOPIC_MODEL).get(0).trainingData())
                .contains(bootstrapper.bootstrapModels().key());
    }

    @Test
    void classifierServesTheChampionWithAlternatives() {
        Prediction p = classifier.classify(BootstrapModels.TOPIC_MODEL, "Where is my parcel? Tracking shows nothing for a week.");
        assertThat(p.label()).isEqualTo("shipping");
        assertThat(p.version()).isEqualTo(registry.champion(BootstrapModels.TOPIC_MODEL).version());
        assertThat(p.alternatives()).hasSize(3);
        assertThat(thresholds.threshold(BootstrapModels.TOPIC_MODEL)).isEqualTo(0.85);
        assertThatThrownBy(() -> classifier.classify("no-such-model", "hi")).isInstanceOf(UnknownModelException.class);
        assertThatThrownBy(() -> thresholds.threshold("no-such-model")).isInstanceOf(UnknownModelException.class);
    }

    @Test
    void promotionSwapsAtomicallyWhileInFlightPredictionsFinishOnTheOldVersion() throws Exception {
        String name = BootstrapModels.URGENCY_MODEL;
        ModelRegistry.Champion old = registry.champion(name);
        ModelVersion current = registry.versions(name).stream()
                .filter(v -> v.version() == old.version()).findFirst().orElseThrow();
        ModelVersion challenger = registry.register(name, Path.of(current.path()), Map.of("accuracy", 0.99),
                "test", "tester", false);
        assertThat(challenger.status()).isEqualTo(ModelVersion.CHALLENGER);
        assertThat(registry.champion(name).version()).isEqualTo(old.version());

        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(2);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread thread = new Thread(() -> {
                running.countDown();
                while (!stop.get()) {
                    try {
                        seen.add(classifier.classify(name, "please help, the app is broken").version());
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        running.await();
        Thread.sleep(50);
        registry.promote(name, challenger.version(), "approver");
        // let the callers run until one has been served by the new champion (however slow the machine is)
        for (int i = 0; i < 600 && !seen.contains(challenger.version()) && errors.isEmpty(); i++) {
            Thread.sleep(100);
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(errors).isEmpty();
        assertThat(seen).contains(challenger.version()).isSubsetOf(old.version(), challenger.version());
        assertThat(registry.champion(name).version()).isEqualTo(challenger.version());
        // a caller still holding the old champion keeps a working model
        assertThat(old.model().labels()).contains("critical");
        Map<Integer, String> status = new java.util.HashMap<>();
        registry.versions(name).forEach(v -> status.put(v.version(), v.status()));
        assertThat(status.get(old.version())).isEqualTo(ModelVersion.RETIRED);
        assertThat(status.get(challenger.version())).isEqualTo(ModelVersion.CHAMPION);
        ModelVersion promoted = registry.versions(name).stream()
                .filter(v -> v.version() == challenger.version()).findFirst().orElseThrow();
        assertThat(promoted.promotedBy()).isEqualTo("approver");
        assertThat(promoted.promotedAt()).isNotNull();
        assertThat(registry.versions(name).stream().filter(v -> ModelVersion.CHAMPION.equals(v.status()))).hasSize(1);
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;
    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Test
    void aChampionPromotedOnAnotherNodeIsServedHereAfterARefresh() {
        // "Another node": a second registry on the same database and the same (shared) models directory
        String name = BootstrapModels.TOPIC_MODEL;
        ModelRegistry otherNode = new ModelRegistry(jdbc, tx, json, settings);
        int before = otherNode.champion(name).version();
        assertThat(otherNode.refreshChampions()).isEmpty();

        ModelVersion current = registry.versions(name).stream().filter(v -> v.version() == before).findFirst()
                .orElseThrow();
        ModelVersion promoted = registry.register(name, Path.of(current.path()), Map.of("accuracy", 0.9),
                "copy of v" + before, "cluster-test", true);

        assertThat(otherNode.champion(name).version()).as("before the refresh").isEqualTo(before);
        assertThat(otherNode.refreshChampions()).containsExactly(name);
        assertThat(otherNode.champion(name).version()).isEqualTo(promoted.version());
        assertThat(registry.champion(name).version()).isEqualTo(promoted.version());
    }

    @Test
    void aPromotionHereWhileARefreshLoadsTheOtherNodesChampionIsNotUndoneByIt() throws Exception {
        String name = BootstrapModels.TOPIC_MODEL;
        ModelRegistry thisNode = new ModelRegistry(jdbc, tx, json, settings);
        java.util.concurrent.CountDownLatch loading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
        thisNode.format(name, new ModelFormat<io.stratum.intelligence.model.TextModel>() {
            @Override
            public String kind() {
                return ModelFormat.TEXT.kind();
            }

            @Override
            public java.util.List<String> files() {
                return ModelFormat.TEXT.files();
            }

            @Override
            public io.stratum.intelligence.model.TextModel load(Path dir, int version) throws java.io.IOException {
                if (armed.compareAndSet(true, false)) { // the refresh's load: slow, and the promotion lands meanwhile
                    loading.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return ModelFormat.TEXT.load(dir, version);
            }
        });
        int served = thisNode.champion(name).version();
        ModelVersion current = registry.versions(name).stream().filter(v -> v.version() == served).findFirst()
                .orElseThrow();
        // Another node promotes a copy; this node then promotes another one while its refresh loads the first
        ModelVersion elsewhere = registry.register(name, Path.of(current.path()), Map.of("accuracy", 0.9),
                "copy of v" + served, "cluster-test", true);
        ModelVersion here = registry.register(name, Path.of(current.path()), Map.of("accuracy", 0.91),
                "copy of v" + served, "cluster-test", false);
        armed.set(true);
        java.util.concurrent.Future<java.util.List<String>> refresh = java.util.concurrent.Executors
                .newSingleThreadExecutor().submit(thisNode::refreshChampions);
        assertThat(loading.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        thisNode.promote(name, here.version(), "approver");
        release.countDown();

        assertThat(refresh.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
        assertThat(thisNode.champion(name).version()).isEqualTo(here.version()).isNotEqualTo(elsewhere.version());
        assertThat(registry.versions(name).stream().filter(v -> ModelVersion.CHAMPION.equals(v.status()))
                .map(ModelVersion::version).toList()).containsExactly(here.version());
        registry.refreshChampions(); // the context's registry serves what the database says, for the other tests
    }

    /**
     * A version whose embeddings came from another sentence encoder than the configured one (trained before the
     * setting changed, or rolled back to) is served with its own encoder, opened when first needed.
     */
    @Test
    void aVersionTrainedOnAnotherEncodersEmbeddingsIsServedWithThatEncoder() throws Exception {
        EncoderModel other = Arrays.stream(EncoderModel.values()).filter(f -> f != settings.encoderModel())
                .findFirst().orElseThrow();
        List<Map.Entry<String, String>> examples = BootstrapModels.examples(BootstrapModels.TOPIC_MODEL, 400, 11L);
        HeadTrainer.Result trained = TextPipeline.train(examples.stream().map(Map.Entry::getKey).toList(),
                examples.stream().map(Map.Entry::getValue).toList(), encoders.of(other),
                IntelligenceSettings.defaultTraining().withEpochs(5));
        assertThat(trained.model().encoder()).isEqualTo(other);
        Path artefact = Files.createTempDirectory("stratum-other-encoder");
        trained.model().save(artefact);
        String name = "encoder-test-" + other.id();
        ModelVersion v = registry.register(name, artefact, trained.metrics(), "test", "test", true);

        String unsure = "zzq vvx qqj"; // no known word: the n-gram expert cannot answer alone
        Prediction served = classifier.classify(name, unsure);
        assertThat(served.version()).isEqualTo(v.version());
        assertThat(served.explanation()).contains("sentence meaning (" + other.id() + ")");
        Prediction byItsEncoder = TextPipeline.predict(name, v.version(), registry.model(name, v.version()),
                encoders.of(other), unsure);
        assertThat(served.label()).isEqualTo(byItsEncoder.label());
        assertThat(served.confidence()).isEqualTo(byItsEncoder.confidence());
        // the configured encoder's vectors would be read by weights that never saw them: refused, not guessed
        assertThatThrownBy(() -> TextPipeline.predict(name, v.version(), registry.model(name, v.version()),
                encoders.configured(), unsure)).isInstanceOf(ClassificationException.class)
                .hasMessageContaining(other.id());
    }
}
