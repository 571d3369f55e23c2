package io.stratum.orchestration;

import io.stratum.action.Ticket;
import io.stratum.action.Tickets;
import io.stratum.ingestion.InquiryProgress;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.time.Duration;

import static io.stratum.orchestration.SupportTriageProcess.Var.*;

/**
 * Opens the ticket from the working values ({@code topic}, {@code urgency}, {@code priority}, {@code team},
 * {@code slaHours}, {@code reply}); {@code decidedBy} is {@code reviewedBy} when a person reviewed, else {@code ai}.
 * Writes {@code ticketId} and {@code decidedBy} and reports the ticket (and status TICKETED) to ingestion. Idempotent per inquiry
 * (Tickets.open returns the first ticket again), so a retried job is harmless.
 */
@Component
public class CreateTicketDelegate implements JavaDelegate {

    static final String AI = "ai";

    private final Tickets tickets;
    private final InquiryProgress progress;

    public CreateTicketDelegate(Tickets tickets, InquiryProgress progress) {
        this.tickets = tickets;
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String inquiryId = (String) execution.getVariable(INQUIRY_ID);
        Object reviewer = execution.getVariable(REVIEWED_BY);
        String decidedBy = reviewer == null ? AI : reviewer.toString();
        Object slaHours = execution.getVariable(SLA_HOURS);
        String slaDue = slaHours instanceof Number hours
                ? ClockUtil.now().toInstant().plus(Duration.ofHours(hours.longValue())).toString() : null;
        Ticket ticket = tickets.open(new Tickets.TicketRequest(inquiryId, (String) execution.getVariable(SUBJECT),
                (String) execution.getVariable(TOPIC), (String) execution.getVariable(URGENCY),
                (String) execution.getVariable(PRIORITY), (String) execution.getVariable(TEAM), slaDue,
                (String) execution.getVariable(REPLY), decidedBy));
        execution.setVariable(TICKET_ID, ticket.id());
        execution.setVariable(DECIDED_BY, decidedBy);
        progress.ticketed(inquiryId, ticket.id(), SupportTriageProcess.Status.TICKETED);
    }
}
