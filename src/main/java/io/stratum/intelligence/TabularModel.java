package io.stratum.intelligence;

import java.util.List;
import java.util.Map;

/**
 * A model over named features (numbers or categories), served in-process: the seam for the generic "Predict"
 * component. Implementations are Spring beans; {@link TabularModels} finds them by name.
 */
public interface TabularModel {

    String name();

    /** What {@link #predict} needs, in a stable order. */
    List<TabularFeature> features();

    /**
     * @param features feature name to value (Number or numeric text for numeric features, text for categories)
     * @throws InvalidFeaturesException naming the first feature that is missing, unknown or out of its domain
     */
    Prediction predict(Map<String, Object> features);

    /**
     * @param name    feature name as an analyst writes it in the diagram
     * @param choices allowed values of a categorical feature; empty for a numeric one
     */
    record TabularFeature(String name, String description, List<String> choices) {

        public boolean numeric() {
            return choices.isEmpty();
        }
    }
}
