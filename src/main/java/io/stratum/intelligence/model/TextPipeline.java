package io.stratum.intelligence.model;

import io.stratum.intelligence.ClassificationException;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.text.SentenceEncoder;
import io.stratum.intelligence.text.SentenceEncoders;
import io.stratum.intelligence.text.SparseVector;

import java.util.ArrayList;
import java.util.List;

/**
 * The product's train and predict paths (used by the registry, the classifier bean and the benchmark alike).
 * Prediction is a cascade (see {@link TextModel#probabilitiesWithoutEmbedding}): the n-gram expert answers alone
 * when it is sure, the sentence encoder runs only for the rest.
 */
public final class TextPipeline {

    private static final int EMBED_BATCH = 32;

    private TextPipeline() {
    }

    /** Embeds (when the config needs it) and trains a head. */
    public static HeadTrainer.Result train(List<String> texts, List<String> labels, SentenceEncoder encoder,
                                           TrainingConfig cfg) {
        if (!cfg.features().usesEmbedding()) {
            return HeadTrainer.train(texts, labels, null, cfg);
        }
        return HeadTrainer.train(texts, labels, encoder.embedAll(texts, EMBED_BATCH), cfg).withEncoder(encoder.form());
    }

    /** @param encoder the model's own encoder ({@link TextModel#encoder()}); may be null for a model without one */
    public static Prediction predict(String name, int version, TextModel model, SentenceEncoder encoder, String text) {
        SparseVector sparse = model.sparse(text);
        double[] cheap = model.probabilitiesWithoutEmbedding(sparse);
        if (cheap != null) {
            return toPrediction(name, version, model, text, sparse, null, cheap);
        }
        float[] embedding = matching(model, encoder).embed(text);
        return toPrediction(name, version, model, text, sparse, embedding, model.probabilities(sparse, embedding));
    }

    /** Classifies many texts; the ones the cascade cannot answer cheaply are embedded in batches. */
    public static List<Prediction> predictAll(String name, int version, TextModel model, SentenceEncoder encoder,
                                              List<String> texts) {
        SparseVector[] sparse = new SparseVector[texts.size()];
        double[][] p = new double[texts.size()][];
        List<Integer> unsure = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            sparse[i] = model.sparse(texts.get(i));
            p[i] = model.probabilitiesWithoutEmbedding(sparse[i]);
            if (p[i] == null) {
                unsure.add(i);
            }
        }
        float[][] embeddings = new float[texts.size()][];
        if (!unsure.isEmpty()) {
            float[][] e = matching(model, encoder).embedAll(unsure.stream().map(texts::get).toList(), EMBED_BATCH);
            for (int j = 0; j < e.length; j++) {
                int i = unsure.get(j);
                embeddings[i] = e[j];
                p[i] = model.probabilities(sparse[i], e[j]);
            }
        }
        List<Prediction> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(toPrediction(name, version, model, texts.get(i), sparse[i], embeddings[i], p[i]));
        }
        return out;
    }

    /** The encoder {@code model} must be served with, among the server's (none for a model without embeddings). */
    public static SentenceEncoder encoderFor(TextModel model, SentenceEncoders encoders) {
        return model.needsEmbedding() ? encoders.of(model.encoder()) : null;
    }

    /**
     * The encoder, after checking it is the one the model learnt from: another encoder's vectors would be read by
     * weights that never saw them (a model of unknown origin, e.g. trained in a test, takes what it is given).
     */
    private static SentenceEncoder matching(TextModel model, SentenceEncoder encoder) {
        if (model.encoder() != null && (encoder == null || encoder.form() != model.encoder())) {
            throw new ClassificationException("The model was trained on " + model.encoder().id()
                    + " sentence embeddings but was given " + (encoder == null ? "no encoder" : encoder.form().id()));
        }
        return encoder;
    }

    private static Prediction toPrediction(String name, int version, TextModel model, String text, SparseVector sparse,
                                           float[] embedding, double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        List<Prediction.Alternative> alternatives = new ArrayList<>();
        for (int i = 1; i < Math.min(4, order.length); i++) {
            alternatives.add(new Prediction.Alternative(model.labels().get(order[i]), round(p[order[i]])));
        }
        String explanation = model.explain(text, sparse, embedding, order[0]);
        return new Prediction(name, version, model.labels().get(order[0]), round(p[order[0]]),
                List.copyOf(alternatives), explanation);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
