package io.stratum.intelligence;

import io.stratum.intelligence.bootstrap.BootstrapModels;
import io.stratum.intelligence.bootstrap.PhraseBook;
import io.stratum.intelligence.bootstrap.SupportInquiryGenerator;
import io.stratum.intelligence.bootstrap.SupportInquiryGenerator.Example;
import io.stratum.intelligence.model.TextModel;
import io.stratum.intelligence.model.TextPipeline;
import io.stratum.intelligence.text.EncoderModel;
import io.stratum.intelligence.text.SentenceEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real training on the bootstrap data (same code and cache as application start), checked on inquiries the
 * models never saw: a differently seeded generated set and hand-written messages not made from the templates.
 */
class BootstrapTrainingTests {

    static final Path CACHE = Path.of("target/bootstrap-cache");
    static SentenceEncoder encoder;
    static Map<String, BootstrapModels.Artefact> artefacts;
    static TextModel topic;
    static TextModel urgency;

    @BeforeAll
    static void train() throws Exception {
        encoder = SentenceEncoder.open(EncoderModel.DEFAULT, CACHE.resolve("encoder"), 2, 128, 1);
        artefacts = bootstrap().artefacts(List.of(BootstrapModels.TOPIC_MODEL, BootstrapModels.URGENCY_MODEL));
        topic = TextModel.load(artefacts.get(BootstrapModels.TOPIC_MODEL).dir());
        urgency = TextModel.load(artefacts.get(BootstrapModels.URGENCY_MODEL).dir());
    }

    static BootstrapModels bootstrap() {
        return new BootstrapModels(CACHE, 3000, IntelligenceSettings.defaultTraining(), encoder);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void topicModelClassifiesUnseenGeneratedInquiries() {
        List<Example> unseen = new SupportInquiryGenerator(PhraseBook.load()).generate(600, 987654321L);
        List<Prediction> p = TextPipeline.predictAll("support-topic", 1, topic, encoder,
                unseen.stream().map(Example::text).toList());
        long correct = 0;
        for (int i = 0; i < p.size(); i++) {
            correct += p.get(i).label().equals(unseen.get(i).topic()) ? 1 : 0;
        }
        assertThat(correct / (double) unseen.size()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void urgencyModelClassifiesUnseenGeneratedInquiries() {
        List<Example> unseen = new SupportInquiryGenerator(PhraseBook.load()).generate(600, 123456789L);
        List<Prediction> p = TextPipeline.predictAll("support-urgency", 1, urgency, encoder,
                unseen.stream().map(Example::text).toList());
        long correct = 0;
        for (int i = 0; i < p.size(); i++) {
            correct += p.get(i).label().equals(unseen.get(i).urgency()) ? 1 : 0;
        }
        assertThat(correct / (double) unseen.size()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void handWrittenInquiriesOfEachTopicAreRecognised() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("My bank statement shows you took the subscription fee two times in November.", "billing"),
                Map.entry("Could you explain why the annual renewal cost me more than last year?", "billing"),
                Map.entry("Whenever I press the export button the program hangs and I have to force quit it.", "technical"),
                Map.entry("The website won't load past the spinner in Firefox since this morning.", "technical"),
                Map.entry("I'd like to switch the e-mail I use to sign in.", "account"),
                Map.entry("Somebody changed my password and now I can't get in.", "account"),
                Map.entry("The courier tracking has shown 'in transit' for eight days, where is my parcel?", "shipping"),
                Map.entry("Can you deliver to Norway and how long does it take?", "shipping"),
                Map.entry("The blender I got is cracked, how do I send it back for a new one?", "returns"),
                Map.entry("I sent the shoes back two weeks ago and have not seen my money yet.", "returns"),
                Map.entry("Do you have a customer service phone line and when is it open?", "general"),
                Map.entry("I'd love to see a dark theme in a future version, just a suggestion.", "general"));
        long correct = cases.entrySet().stream()
                .filter(c -> TextPipeline.predict("support-topic", 1, topic, encoder, c.getKey()).label()
                        .equals(c.getValue()))
                .count();
        assertThat(correct).isGreaterThanOrEqualTo(11);
    }

    @Test
    void clearUrgencyIsRecognised() {
        assertThat(TextPipeline.predict("support-urgency", 1, urgency, encoder,
                "URGENT!!! Our whole company is locked out and we cannot serve any customers right now").label())
                .isEqualTo("critical");
        assertThat(TextPipeline.predict("support-urgency", 1, urgency, encoder,
                "No hurry at all, but at some point could you tell me whether you ship to Spain?").label())
                .isEqualTo("low");
    }

    @Test
    void clearInquiriesClearTheConfiguredThresholdAndVagueOnesAreLessSure() {
        double threshold = 0.85; // application.yaml stratum.intelligence.models.support-topic.threshold
        List<String> clear = List.of("I was charged twice for my premium plan, please refund one payment",
                "My parcel has not arrived, the tracking number shows no update for a week",
                "The app crashes every time I open it on my Android phone");
        for (String text : clear) {
            Prediction p = TextPipeline.predict("support-topic", 1, topic, encoder, text);
            assertThat(p.confidence()).as(text).isGreaterThanOrEqualTo(threshold);
        }
        Prediction vague = TextPipeline.predict("support-topic", 1, topic, encoder,
                "I have an issue with the thing I got from you, and the money, and my login");
        assertThat(vague.confidence()).isLessThan(threshold);
    }

    @Test
    void predictionCarriesVersionAlternativesAndExplanation() {
        Prediction p = TextPipeline.predict("support-topic", 3, topic, encoder,
                "I was charged twice for my premium plan, please refund one payment");
        assertThat(p.model()).isEqualTo("support-topic");
        assertThat(p.version()).isEqualTo(3);
        assertThat(p.label()).isEqualTo("billing");
        assertThat(p.confidence()).isBetween(0.5, 1.0);
        assertThat(p.alternatives()).hasSize(3);
        assertThat(p.alternatives()).extracting(Prediction.Alternative::label).doesNotContain("billing");
        assertThat(p.alternatives().get(0).confidence()).isLessThanOrEqualTo(p.confidence())
                .isGreaterThanOrEqualTo(p.alternatives().get(2).confidence());
        assertThat(p.explanation()).contains("'").contains("n-gram model alone");
        Prediction full = TextPipeline.predict("support-topic", 3, topic.withCascadeThreshold(TextModel.NO_CASCADE),
                encoder, "I was charged twice for my premium plan, please refund one payment");
        assertThat(full.label()).isEqualTo("billing");
        assertThat(full.explanation()).contains("'").contains("of the evidence from the embedding");
    }

    @Test
    void clearInquiriesSkipTheEncoderAndVagueOnesUseIt() {
        assertThat(topic.cascades()).isTrue();
        assertThat(topic.probabilitiesWithoutEmbedding(
                topic.sparse("My parcel has not arrived, the tracking number shows no update for a week"))).isNotNull();
        assertThat(topic.probabilitiesWithoutEmbedding(
                topic.sparse("I have an issue with the thing I got from you, and the money, and my login"))).isNull();
        assertThat(artefacts.get(BootstrapModels.TOPIC_MODEL).metrics()).containsKeys("cascadeShare", "cascadeAccuracy");
    }

    @Test
    void holdoutMetricsAreRecordedAndTheCacheIsReusedWithoutRetraining() throws Exception {
        BootstrapModels.Artefact a = artefacts.get(BootstrapModels.TOPIC_MODEL);
        assertThat(((Number) a.metrics().get("accuracy")).doubleValue()).isGreaterThan(0.9);
        assertThat(a.metrics()).containsKeys("macroF1", "temperature", "trainExamples", "holdoutExamples");
        FileTime before = Files.getLastModifiedTime(a.dir().resolve("weights.bin"));
        Map<String, BootstrapModels.Artefact> again = bootstrap().artefacts(List.of(BootstrapModels.TOPIC_MODEL));
        assertThat(again.get(BootstrapModels.TOPIC_MODEL).dir()).isEqualTo(a.dir());
        assertThat(Files.getLastModifiedTime(a.dir().resolve("weights.bin"))).isEqualTo(before);
    }

    @Test
    void savedModelLoadsToTheSamePredictions() throws Exception {
        Path dir = Files.createTempDirectory("stratum-model");
        topic.save(dir);
        TextModel copy = TextModel.load(dir);
        String text = "my parcel never arrived";
        assertThat(TextPipeline.predict("m", 1, copy, encoder, text))
                .isEqualTo(TextPipeline.predict("m", 1, topic, encoder, text));
    }
}
