package io.stratum.intelligence;

import io.stratum.intelligence.text.SentenceEncoder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MiniLM encoder is loaded once per application (about a second and 90 MB) and shared. Its batch embeddings
 * (training, evaluation, calibration) are kept under {@code <models-dir>/embedding-cache}: a retraining embeds only
 * new texts, also after a restart.
 */
@Configuration(proxyBeanMethods = false)
class IntelligenceConfiguration {

    @Bean(destroyMethod = "close")
    SentenceEncoder sentenceEncoder(IntelligenceSettings settings) {
        // One intra-op thread per predictor: on few cores, concurrency across requests beats splitting one request.
        return SentenceEncoder.open(settings.bootstrapCache().resolve("encoder"), settings.encoderPool(),
                settings.maxTokens(), 1, settings.modelsDir().resolve("embedding-cache"));
    }
}
