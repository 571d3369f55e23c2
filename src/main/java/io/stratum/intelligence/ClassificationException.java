package io.stratum.intelligence;

/** A model could not produce a prediction; the message says why in words an operator understands. */
public class ClassificationException extends RuntimeException {
    public ClassificationException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClassificationException(String message) {
        super(message);
    }
}
