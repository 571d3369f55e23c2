package io.stratum.action;

import java.util.Optional;

/** The ticket system of record. Opening is idempotent per inquiry: the second call returns the first ticket. */
public interface Tickets {

    Ticket open(TicketRequest request);

    Optional<Ticket> find(String ticketId);

    record TicketRequest(String inquiryId, String subject, String topic, String urgency, String priority,
                         String team, String slaDue, String reply, String decidedBy) {
    }
}
