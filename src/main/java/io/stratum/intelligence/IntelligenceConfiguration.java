package io.stratum.intelligence;

import io.stratum.intelligence.text.SentenceEncoder;
import io.stratum.intelligence.text.SentenceEncoders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The configured sentence encoder is loaded once per application (about a second and 25-90 MB) and shared; another
 * one only when a stored model version needs it. Its batch embeddings
 * (training, evaluation, calibration) are kept under {@code <models-dir>/embedding-cache}: a retraining embeds only
 * new texts, also after a restart.
 */
@Configuration(proxyBeanMethods = false)
class IntelligenceConfiguration {

    @Bean(destroyMethod = "close")
    SentenceEncoders sentenceEncoders(IntelligenceSettings settings) {
        // One intra-op thread per predictor: on few cores, concurrency across requests beats splitting one request.
        return new SentenceEncoders(settings.encoderModel(), form -> SentenceEncoder.open(form,
                settings.bootstrapCache().resolve("encoder"), settings.encoderPool(), settings.maxTokens(), 1,
                settings.modelsDir().resolve("embedding-cache")));
    }

    /** The configured encoder (closed with the others by {@link SentenceEncoders}). */
    @Bean(destroyMethod = "")
    SentenceEncoder sentenceEncoder(SentenceEncoders encoders) {
        return encoders.configured();
    }
}
