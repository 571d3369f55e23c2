package io.stratum.intelligence;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The triage's threshold: the configured one, unless a threshold is put in force at run time. */
class SettingsConfidenceThresholdsTests {

    final IntelligenceSettings settings = new IntelligenceSettings(Path.of("m"), Path.of("c"), 100, 1, 16, "all-minilm-l6-v2", 0.9, null,
            Map.of("support-topic", new IntelligenceSettings.ModelSettings(0.85),
                    "support-urgency", new IntelligenceSettings.ModelSettings(0.8)));

    @Test
    void anOverrideInForceWinsOverTheConfiguredValue() {
        ThresholdOverrides derived = model -> model.equals("support-topic") ? OptionalDouble.of(0.71)
                : OptionalDouble.empty();
        SettingsConfidenceThresholds thresholds = new SettingsConfidenceThresholds(settings,
                new StaticListableBeanFactory(Map.of("derived", derived)).getBeanProvider(ThresholdOverrides.class));
        assertThat(thresholds.threshold("support-topic")).isEqualTo(0.71);
        assertThat(thresholds.threshold("support-urgency")).isEqualTo(0.8);
        assertThatThrownBy(() -> thresholds.threshold("nope")).isInstanceOf(UnknownModelException.class);
    }

    @Test
    void withoutOverridesTheConfiguredValueApplies() {
        SettingsConfidenceThresholds thresholds = new SettingsConfidenceThresholds(settings,
                new StaticListableBeanFactory().getBeanProvider(ThresholdOverrides.class));
        assertThat(thresholds.threshold("support-topic")).isEqualTo(0.85);
    }
}
