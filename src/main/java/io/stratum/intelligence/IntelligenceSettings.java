package io.stratum.intelligence;

import io.stratum.intelligence.model.FeatureSet;
import io.stratum.intelligence.model.TrainingConfig;
import io.stratum.intelligence.text.EncoderModel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings of the intelligence layer ({@code stratum.intelligence.*}).
 *
 * @param modelsDir          model versions live under {@code <modelsDir>/<name>/<version>/}
 * @param bootstrapCache     trained bootstrap artefacts keyed by a hash of data + config (shared across fresh installs)
 * @param bootstrapExamples  generated bootstrap inquiries (each labelled with topic and urgency)
 * @param encoderPool        concurrent MiniLM predictors
 * @param maxTokens          inquiry text beyond this many word pieces is not embedded
 * @param encoder            the sentence encoder new models learn from and reply drafts use ({@link EncoderModel}
 *                           ids: {@code all-minilm-l6-v2-q}, int8, the default; {@code all-minilm-l6-v2}, float)
 * @param replyReuseSimilarity cosine similarity from which a resolved inquiry's reply is reused as the draft
 * @param models             per-model settings keyed by model name; these models are bootstrapped at start
 */
@Validated
@ConfigurationProperties("stratum.intelligence")
public record IntelligenceSettings(@NotNull Path modelsDir, @NotNull Path bootstrapCache,
                                   @Min(100) int bootstrapExamples, @Min(1) int encoderPool,
                                   @Min(16) int maxTokens, @NotBlank String encoder,
                                   @DecimalMin("0.0") @DecimalMax("1.0") double replyReuseSimilarity,
                                   @Valid @NotNull Training training,
                                   @Valid @NotNull Map<String, ModelSettings> models) {

    /** The configured encoder. @throws IllegalArgumentException naming the known ones when it is none of them */
    public EncoderModel encoderModel() {
        return EncoderModel.byId(encoder);
    }

    /** @param threshold confidence at or above which this model's decision is automated */
    public record ModelSettings(@DecimalMin("0.0") @DecimalMax("1.0") double threshold) {
    }

    public record Training(@NotNull FeatureSet features, @Min(10) int hashBits, @Min(0) int hidden,
                           @Min(1) int epochs, @Min(1) int batchSize, @DecimalMin("0.00001") float learningRate,
                           @DecimalMin("0.0") float weightDecay, @DecimalMin("0.0") @DecimalMax("0.5") double holdout,
                           long seed, @DecimalMin("0.0") @DecimalMax("1.0") double hashedWeight,
                           @DecimalMin("0.5") double cascadeThreshold,
                           @DecimalMin("0.0") @DecimalMax("1.0") double neighbourWeight, boolean refit) {
        public TrainingConfig toConfig() {
            return new TrainingConfig(features, hashBits, hidden, epochs, batchSize, learningRate, weightDecay,
                    holdout, seed, hashedWeight, cascadeThreshold, neighbourWeight, refit);
        }
    }

    /** The shipped training configuration (what application.yaml sets, and what the benchmark measures). */
    public static TrainingConfig defaultTraining() {
        return TrainingConfig.defaults();
    }
}
