package io.stratum.intelligence;

/** No model of that name is registered. */
public class UnknownModelException extends ClassificationException {
    public UnknownModelException(String model) {
        super("No model named '" + model + "' is registered");
    }
}
