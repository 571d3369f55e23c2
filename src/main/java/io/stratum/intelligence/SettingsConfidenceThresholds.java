package io.stratum.intelligence;

import org.springframework.stereotype.Component;

/** Thresholds from {@code stratum.intelligence.models.<name>.threshold}. */
@Component
class SettingsConfidenceThresholds implements ConfidenceThresholds {

    private final IntelligenceSettings settings;

    SettingsConfidenceThresholds(IntelligenceSettings settings) {
        this.settings = settings;
    }

    @Override
    public double threshold(String model) {
        IntelligenceSettings.ModelSettings m = settings.models().get(model);
        if (m == null) {
            throw new UnknownModelException(model);
        }
        return m.threshold();
    }
}
