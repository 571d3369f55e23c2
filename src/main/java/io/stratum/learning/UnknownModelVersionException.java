package io.stratum.learning;

/** The model exists, the asked version does not. */
public class UnknownModelVersionException extends RuntimeException {

    public UnknownModelVersionException(String model, int version) {
        super("Model '" + model + "' has no version " + version);
    }
}
