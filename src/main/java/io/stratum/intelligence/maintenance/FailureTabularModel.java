package io.stratum.intelligence.maintenance;

import io.stratum.intelligence.InvalidFeaturesException;
import io.stratum.intelligence.Prediction;
import io.stratum.intelligence.TabularModel;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The failure model as a tabular model for "Predict": the five AI4I measurements and the product type in, label
 * {@code failure} or {@code no-failure} out (the model's own decision threshold), confidence = the probability of
 * that label, the likely failure mode in the explanation. Served by {@link FailurePredictor}: the same champion the
 * telemetry scoring uses.
 */
@Component
public class FailureTabularModel implements TabularModel {

    public static final String FAILURE = "failure";
    public static final String NO_FAILURE = "no-failure";

    static final List<TabularFeature> FEATURES = List.of(
            new TabularFeature("productType", "product quality variant", List.of("L", "M", "H")),
            new TabularFeature("airTemperature", "air temperature in K", List.of()),
            new TabularFeature("processTemperature", "process temperature in K", List.of()),
            new TabularFeature("rotationalSpeed", "rotational speed in rpm", List.of()),
            new TabularFeature("torque", "torque in Nm", List.of()),
            new TabularFeature("toolWear", "tool wear in minutes", List.of()));

    private final FailurePredictor predictor;

    public FailureTabularModel(FailurePredictor predictor) {
        this.predictor = predictor;
    }

    @Override
    public String name() {
        return FailurePredictor.MODEL;
    }

    @Override
    public List<TabularFeature> features() {
        return FEATURES;
    }

    @Override
    public Prediction predict(Map<String, Object> features) {
        for (String given : features.keySet()) {
            if (FEATURES.stream().noneMatch(f -> f.name().equals(given))) {
                throw new InvalidFeaturesException("Feature '" + given + "' is unknown to " + name() + "; it reads "
                        + FEATURES.stream().map(TabularFeature::name).toList());
            }
        }
        Object type = features.get("productType");
        String productType = type == null ? null : type.toString().trim().toUpperCase(Locale.ROOT);
        if (productType == null || !FEATURES.get(0).choices().contains(productType)) {
            throw new InvalidFeaturesException("Feature 'productType' must be one of " + FEATURES.get(0).choices()
                    + ", got " + type);
        }
        MachineSample sample = MachineSample.unlabelled(productType, number(features, "airTemperature"),
                number(features, "processTemperature"), number(features, "rotationalSpeed"),
                number(features, "torque"), number(features, "toolWear"));
        FailurePrediction p = predictor.predict(sample);
        double threshold = predictor.model().threshold();
        boolean failure = p.predictedFailure();
        double probability = p.failureProbability();
        String explanation = String.format(Locale.ROOT, "failure probability %.3f (decision threshold %.3f)%s",
                probability, threshold, p.likelyMode() == null ? ""
                        : String.format(Locale.ROOT, ", likely mode %s %.3f", p.likelyMode(),
                        p.modes().get(p.likelyMode())));
        return new Prediction(name(), p.modelVersion(), failure ? FAILURE : NO_FAILURE,
                failure ? probability : 1 - probability,
                List.of(new Prediction.Alternative(failure ? NO_FAILURE : FAILURE,
                        failure ? 1 - probability : probability)), explanation);
    }

    private static double number(Map<String, Object> features, String name) {
        Object value = features.get(name);
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else if (value != null) {
            try {
                d = Double.parseDouble(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new InvalidFeaturesException("Feature '" + name + "' must be a number, got '" + value + "'");
            }
        } else {
            throw new InvalidFeaturesException("Feature '" + name + "' is missing");
        }
        if (!Double.isFinite(d)) {
            throw new InvalidFeaturesException("Feature '" + name + "' must be a finite number, got " + value);
        }
        return d;
    }
}
