package io.stratum.intelligence.model;

import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.text.SentenceEncoder;
import io.stratum.intelligence.text.SparseVector;

import java.util.ArrayList;
import java.util.List;

/** The product's train and predict paths (used by the registry, the classifier bean and the benchmark alike). */
public final class TextPipeline {

    private static final int EMBED_BATCH = 32;

    private TextPipeline() {
    }

    /** Embeds (when the config needs it) and trains a head. */
    public static HeadTrainer.Result train(List<String> texts, List<String> labels, SentenceEncoder encoder,
                                           TrainingConfig cfg) {
        float[][] embeddings = cfg.features().usesEmbedding() ? encoder.embedAll(texts, EMBED_BATCH) : null;
        return HeadTrainer.train(texts, labels, embeddings, cfg);
    }

    public static Prediction predict(String name, int version, TextModel model, SentenceEncoder encoder, String text) {
        float[] embedding = model.needsEmbedding() ? encoder.embed(text) : null;
        return toPrediction(name, version, model, text, embedding);
    }

    /** Classifies many texts with batched encoder calls (higher throughput than one by one). */
    public static List<Prediction> predictAll(String name, int version, TextModel model, SentenceEncoder encoder,
                                              List<String> texts) {
        float[][] embeddings = model.needsEmbedding() ? encoder.embedAll(texts, EMBED_BATCH) : null;
        List<Prediction> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(toPrediction(name, version, model, texts.get(i), embeddings == null ? null : embeddings[i]));
        }
        return out;
    }

    static Prediction toPrediction(String name, int version, TextModel model, String text, float[] embedding) {
        SparseVector sparse = model.sparse(text);
        double[] p = model.probabilities(sparse, embedding);
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
