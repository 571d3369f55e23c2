package io.stratum.learning;

/** Too little feedback to train and fairly evaluate a challenger. */
public class InsufficientFeedbackException extends RuntimeException {

    public InsufficientFeedbackException(String message) {
        super(message);
    }
}
