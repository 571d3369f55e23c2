package io.stratum.orchestration;

import io.stratum.action.Mailer;
import io.stratum.ingestion.InquiryProgress;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.SupportTriageProcess.Var.*;

/**
 * Sends the reply to the sender (idempotency key {@code ack:<inquiryId>}, so a retried job mails once) and reports
 * the inquiry DONE.
 */
@Component
public class SendAcknowledgementDelegate implements JavaDelegate {

    private final Mailer mailer;
    private final InquiryProgress progress;

    public SendAcknowledgementDelegate(Mailer mailer, InquiryProgress progress) {
        this.mailer = mailer;
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String inquiryId = (String) execution.getVariable(INQUIRY_ID);
        Object subject = execution.getVariable(SUBJECT);
        String reSubject = subject == null || subject.toString().isBlank() ? "Re: your inquiry" : "Re: " + subject;
        Object ticketId = execution.getVariable(TICKET_ID);
        String body = execution.getVariable(REPLY) + (ticketId == null ? "" : "\n\nTicket: " + ticketId);
        mailer.send("ack:" + inquiryId, (String) execution.getVariable(FROM), reSubject, body);
        progress.status(inquiryId, SupportTriageProcess.Status.DONE);
    }
}
