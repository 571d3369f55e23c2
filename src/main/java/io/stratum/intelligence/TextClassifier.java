package io.stratum.intelligence;

/**
 * Classifies text with the current champion version of a named model (e.g. {@code support-topic}).
 * Thread-safe; callers never hold on to a model version.
 */
public interface TextClassifier {

    /**
     * @throws UnknownModelException when no model of that name is registered
     * @throws ClassificationException when the model cannot produce a prediction (technical failure)
     */
    Prediction classify(String model, String text);
}
