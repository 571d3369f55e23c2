package io.stratum.intelligence;

import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tabular models registered as beans, by name, with their configured confidence thresholds. */
@Service
public class TabularModels {

    private final Map<String, TabularModel> models = new TreeMap<>();
    private final PredictSettings settings;

    public TabularModels(List<TabularModel> models, PredictSettings settings) {
        models.forEach(m -> this.models.put(m.name(), m));
        this.settings = settings;
    }

    /** @throws UnknownModelException when no tabular model has that name */
    public TabularModel model(String name) {
        TabularModel model = models.get(name);
        if (model == null) {
            throw new UnknownModelException(name);
        }
        return model;
    }

    public Prediction predict(String name, Map<String, Object> features) {
        return model(name).predict(features);
    }

    /** From {@code stratum.predict.thresholds.<name>}, never a literal. */
    public double threshold(String name) {
        Double threshold = settings.thresholds().get(name);
        if (threshold == null) {
            throw new IllegalStateException("No confidence threshold for tabular model '" + name
                    + "': set stratum.predict.thresholds." + name);
        }
        return threshold;
    }
}
