package io.stratum.intelligence;

import io.stratum.intelligence.model.TextPipeline;
import io.stratum.intelligence.text.SentenceEncoders;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Service;

/** Classifies with whatever version is champion when the call starts; the call finishes on that version. */
@Service
@DependsOn("modelBootstrapper")
class ChampionTextClassifier implements TextClassifier {

    private final ModelRegistry registry;
    private final SentenceEncoders encoders;
    private final RecentInputs recent;

    ChampionTextClassifier(ModelRegistry registry, SentenceEncoders encoders, RecentInputs recent) {
        this.registry = registry;
        this.encoders = encoders;
        this.recent = recent;
    }

    @Override
    public Prediction classify(String model, String text) {
        ModelRegistry.Champion champion = registry.champion(model);
        String input = text == null ? "" : text;
        try {
            Prediction p = TextPipeline.predict(champion.name(), champion.version(), champion.model(),
                    TextPipeline.encoderFor(champion.model(), encoders), input);
            recent.add(model, input);
            return p;
        } catch (ClassificationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ClassificationException("Model " + model + " v" + champion.version()
                    + " could not classify the text: " + e.getMessage(), e);
        }
    }
}
