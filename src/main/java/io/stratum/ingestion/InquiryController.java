package io.stratum.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stratum.action.Ticket;
import io.stratum.action.Tickets;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;

/** REST intake of inquiries and their status. */
@RestController
@RequestMapping("/api/inquiries")
class InquiryController {

    record Accepted(String inquiryId, String processInstanceId) {
    }

    record InquiryView(String id, String channel, String from, String subject, String body, String customerId,
                       String externalId, Instant receivedAt, String status, String failureReason, JsonNode triage,
                       String ticketId, Ticket ticket, String processInstanceId) {
    }

    private final InquiryIntake intake;
    private final Inbox inbox;
    private final Tickets tickets;
    private final ObjectMapper json;
    private final IngestionSettings settings;
    private final IntakeBacklog backlog;

    InquiryController(InquiryIntake intake, Inbox inbox, Tickets tickets, ObjectMapper json,
                      IngestionSettings settings, IntakeBacklog backlog) {
        this.backlog = backlog;
        this.intake = intake;
        this.inbox = inbox;
        this.tickets = tickets;
        this.json = json;
        this.settings = settings;
    }

    /**
     * Accepts any content type on purpose: whatever arrives is stored in the inbox before it is judged. Refused
     * before that (503) while the job executor is too far behind ({@link IntakeBacklog}).
     */
    @PostMapping
    ResponseEntity<Accepted> submit(HttpServletRequest request) throws IOException {
        backlog.awaitRoom(IntakeBacklog.INQUIRY_API);
        String contentType = request.getContentType();
        byte[] raw = RequestBodies.readAtMost(request, settings.maxRequestSize().toBytes(),
                size -> inbox.storeOversized("http", contentType, size, "request body larger than "
                        + settings.maxRequestSize().toBytes() + " bytes" + (size < 0 ? " (chunked)" : ": " + size)));
        InquiryIntake.Outcome outcome = intake.submitJson(raw, contentType);
        Accepted body = new Accepted(outcome.inquiryId(), outcome.processInstanceId());
        return ResponseEntity.status(outcome.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .header(HttpHeaders.LOCATION, "/api/inquiries/" + outcome.inquiryId())
                .body(body);
    }

    @GetMapping("/{id}")
    InquiryView get(@PathVariable String id) {
        InquiryRecords.Stored stored = intake.find(id).orElseThrow(() -> new NotFoundException("Inquiry", id));
        Inquiry q = stored.inquiry();
        Ticket ticket = stored.ticketId() == null ? null : tickets.find(stored.ticketId()).orElse(null);
        return new InquiryView(q.id(), q.channel(), q.from(), q.subject(), q.body(), q.customerId(), q.externalId(),
                q.receivedAt(), stored.status(), stored.failureReason(), triage(stored.triage()), stored.ticketId(),
                ticket, stored.processInstanceId());
    }

    private JsonNode triage(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readTree(stored);
        } catch (IOException e) {
            return TextNode.valueOf(stored);
        }
    }
}
