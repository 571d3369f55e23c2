package io.stratum.intelligence;

/** The features given to a tabular model are incomplete or out of their domain; the message names the feature. */
public class InvalidFeaturesException extends IllegalArgumentException {

    public InvalidFeaturesException(String message) {
        super(message);
    }
}
