package io.stratum.ingestion;

/** The customer registry. */
public interface Customers {

    /**
     * Finds the customer by id when given, else by the domain of the sender's e-mail address; unknown senders get
     * {@link Customer#unknown(String)} (the lowest tier).
     */
    Customer resolve(String customerId, String from);
}
