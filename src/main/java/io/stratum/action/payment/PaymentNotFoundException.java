package io.stratum.action.payment;

/** No payment with this id was ever scheduled. */
public class PaymentNotFoundException extends RuntimeException {

    public PaymentNotFoundException(String paymentId) {
        super("Payment " + paymentId + " not found");
    }
}
