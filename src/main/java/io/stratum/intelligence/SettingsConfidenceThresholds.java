package io.stratum.intelligence;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.OptionalDouble;

/**
 * Thresholds from {@code stratum.intelligence.models.<name>.threshold}, unless a {@link ThresholdOverrides} bean puts
 * another value in force for the model.
 */
@Component
class SettingsConfidenceThresholds implements ConfidenceThresholds {

    private final IntelligenceSettings settings;
    private final ObjectProvider<ThresholdOverrides> overrides;

    SettingsConfidenceThresholds(IntelligenceSettings settings, ObjectProvider<ThresholdOverrides> overrides) {
        this.settings = settings;
        this.overrides = overrides;
    }

    @Override
    public double threshold(String model) {
        IntelligenceSettings.ModelSettings m = settings.models().get(model);
        if (m == null) {
            throw new UnknownModelException(model);
        }
        ThresholdOverrides o = overrides.getIfAvailable();
        OptionalDouble override = o == null ? OptionalDouble.empty() : o.threshold(model);
        return override.orElse(m.threshold());
    }
}
