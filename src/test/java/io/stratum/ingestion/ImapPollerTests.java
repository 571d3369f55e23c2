package io.stratum.ingestion;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ImapPollerTests extends GreenMailTestBase {

    @Autowired
    ImapPoller poller;
    @Autowired
    RecordingInquiryWorkflow workflow;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    InquiryIntake intake;
    @Autowired
    Inbox inbox;
    @Autowired
    MailDocuments documents;
    @Autowired
    IngestionSettings settings;
    @Autowired
    DurableAcknowledgements durable;

    private final Session session = Session.getInstance(new Properties());

    @BeforeEach
    void reset() {
        workflow.reset();
    }

    /** A message whose Message-ID survives saveChanges(), to simulate a mail delivered twice. */
    private MimeMessage mail(String messageId, String from, String subject, String text) throws Exception {
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(from);
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, SUPPORT_ADDRESS);
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        m.saveChanges();
        return m;
    }

    private void deliver(MimeMessage m) {
        MAIL.getUserManager().getUserByEmail(SUPPORT_ADDRESS).deliver(m);
    }

    @Test
    void oneInquiryPerDistinctMailRawMessageStoredAndMailsMarkedSeen() throws Exception {
        deliver(mail("<m-1@acme.example>", "Ann <ann@acme.example>", "Printer down", "The printer is down."));
        deliver(mail("<m-1@acme.example>", "Ann <ann@acme.example>", "Printer down", "The printer is down."));
        deliver(mail("<m-2@globex.example>", "bob@globex.example", "Invoice", "Invoice 42 is wrong."));

        ImapPoller.PollResult result = poller.poll();

        assertThat(result).isEqualTo(new ImapPoller.PollResult(2, 1, 0, 0));
        assertThat(workflow.started()).extracting(Inquiry::externalId)
                .containsExactlyInAnyOrder("<m-1@acme.example>", "<m-2@globex.example>");
        Inquiry ann = workflow.started().stream().filter(i -> i.from().equals("ann@acme.example")).findFirst()
                .orElseThrow();
        assertThat(ann.channel()).isEqualTo("email");
        assertThat(ann.subject()).isEqualTo("Printer down");
        assertThat(ann.body()).isEqualTo("The printer is down.");

        List<Map<String, Object>> inbox = jdbc.sql("""
                        SELECT status, payload, content_type, inquiry_id FROM inbox
                        WHERE source = 'imap' AND external_id = '<m-1@acme.example>' ORDER BY received_at""")
                .query().listOfRows();
        assertThat(inbox).extracting(r -> r.get("STATUS")).containsExactly("ACCEPTED", "DUPLICATE");
        assertThat(inbox).allSatisfy(r -> {
            assertThat(r.get("CONTENT_TYPE")).isEqualTo("message/rfc822");
            assertThat((String) r.get("PAYLOAD")).contains("Message-ID: <m-1@acme.example>")
                    .contains("Subject: Printer down").contains("The printer is down.");
            assertThat(r.get("INQUIRY_ID")).isEqualTo(ann.id());
        });

        assertThat(unseenCount()).isZero();
        assertThat(poller.poll()).isEqualTo(new ImapPoller.PollResult(0, 0, 0, 0));
        assertThat(workflow.started()).hasSize(2);
    }

    @Test
    void aMailWhoseWorkflowDidNotStartStaysUnseenAndIsStartedByTheNextPoll() throws Exception {
        deliver(mail("<m-3@initech.example>", "carol@initech.example", "VPN", "VPN is down."));
        workflow.failNext(1);

        assertThat(poller.poll()).isEqualTo(new ImapPoller.PollResult(0, 0, 0, 1));
        assertThat(unseenCount()).isEqualTo(1);

        assertThat(poller.poll()).isEqualTo(new ImapPoller.PollResult(1, 0, 0, 0));
        assertThat(workflow.started()).hasSize(1);
        assertThat(unseenCount()).isZero();
    }

    @Test
    void aMailThatCannotBeAnInquiryIsRejectedKeptAndNotReadAgain() throws Exception {
        MimeMessage noSender = mail("<m-4@nowhere.example>", "x@nowhere.example", "", "");
        noSender.removeHeader("From");
        deliver(noSender);

        assertThat(poller.poll()).isEqualTo(new ImapPoller.PollResult(0, 0, 1, 0));
        String status = jdbc.sql("SELECT status FROM inbox WHERE external_id = '<m-4@nowhere.example>'")
                .query(String.class).single();
        assertThat(status).isEqualTo("REJECTED");
        assertThat(poller.poll()).isEqualTo(new ImapPoller.PollResult(0, 0, 0, 0));
    }

    @Test
    void whileTheEngineIsTooFarBehindMailsStayUnseenOnTheServerAndNothingIsStored() throws Exception {
        deliver(mail("<m-5@acme.example>", "dave@acme.example", "Refund", "Where is my refund?"));
        deliver(mail("<m-6@acme.example>", "erin@acme.example", "Login", "I cannot log in."));
        long inboxBefore = jdbc.sql("SELECT COUNT(*) FROM inbox").query(Long.class).single();
        // The same poller with an engine 10 jobs behind a limit of 10
        ImapPoller behind = new ImapPoller(intake, inbox, documents, settings, durable,
                new IntakeBacklog(() -> 10, 10, Duration.ZERO));

        assertThat(behind.poll()).isEqualTo(new ImapPoller.PollResult(0, 0, 0, 0, 0, 2));
        assertThat(unseenCount()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbox").query(Long.class).single()).isEqualTo(inboxBefore);
        assertThat(workflow.started()).isEmpty();

        assertThat(poller.poll()).as("caught up").isEqualTo(new ImapPoller.PollResult(2, 0, 0, 0));
        assertThat(unseenCount()).isZero();
    }

    private int unseenCount() throws Exception {
        Properties props = new Properties();
        try (Store store = Session.getInstance(props).getStore("imap")) {
            store.connect("127.0.0.1", MAIL.getImap().getPort(), "support", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return inbox.search(new jakarta.mail.search.FlagTerm(new Flags(Flags.Flag.SEEN), false)).length;
            } finally {
                inbox.close(false);
            }
        }
    }
}
