package io.stratum.intelligence.text;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The sentence encoders Stratum can run: all-MiniLM-L6-v2 as published (float weights) and its int8-quantised form,
 * each shipped as an ONNX file with its tokenizer inside a langchain4j model jar (only those resources are used).
 * The quantised one embeds in ~40 % of the CPU time (VNNI/AVX2 integer kernels) and stays close to the float one
 * (the README's classify and learning-curve rows: a few tenths of a point on BANKING77, the same automation after the
 * learning curve), so it is the default: every triage embeds its inquiry once, and that run decided whether the
 * embedded default reached 100 triages per second. A trained text model records which encoder its embeddings came
 * from and is always served with that one.
 */
public enum EncoderModel {

    MINILM("all-minilm-l6-v2", "/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json", true),
    /**
     * Dynamically quantised: each layer's int8 scale is taken over the whole input tensor, so a text's vector
     * depends on what it is batched with (cosine ~0.99 to its vector alone, padding included); it is therefore
     * always embedded alone, which costs it only ~8 % (integer kernels gain little from batching).
     */
    MINILM_INT8("all-minilm-l6-v2-q", "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json", false);

    /** What text models saved before models recorded their encoder were trained with. */
    public static final EncoderModel LEGACY = MINILM;
    /** The shipped choice (application.yaml's {@code stratum.intelligence.encoder}, and what the benchmarks use). */
    public static final EncoderModel DEFAULT = MINILM_INT8;

    private final String id;
    private final String onnxResource;
    private final String tokenizerResource;
    private final boolean batchInvariant;

    EncoderModel(String id, String onnxResource, String tokenizerResource, boolean batchInvariant) {
        this.id = id;
        this.batchInvariant = batchInvariant;
        this.onnxResource = onnxResource;
        this.tokenizerResource = tokenizerResource;
    }

    /** The name used in configuration, model files, cache files and explanations. */
    public String id() {
        return id;
    }

    /** Whether a text's vector is the same in any batch (otherwise texts are embedded one at a time). */
    boolean batchInvariant() {
        return batchInvariant;
    }

    String onnxResource() {
        return onnxResource;
    }

    String tokenizerResource() {
        return tokenizerResource;
    }

    /** @throws IllegalArgumentException naming the known encoders when {@code id} is none of them */
    public static EncoderModel byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown sentence encoder '" + id + "'; known: "
                        + Arrays.stream(values()).map(EncoderModel::id).collect(Collectors.joining(", "))));
    }
}
