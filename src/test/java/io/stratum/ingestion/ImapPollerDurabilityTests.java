package io.stratum.ingestion;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A mail marked seen is not read again, so what it left in the inbox must be on disk before the poller marks it
 * (a real GreenMail IMAP server; the layers behind the poller are stand-ins).
 */
class ImapPollerDurabilityTests {

    private final GreenMail mail = startMail();
    private final Inbox inbox = mock(Inbox.class);
    private final InquiryIntake intake = mock(InquiryIntake.class);
    private final DurableAcknowledgements durable = mock(DurableAcknowledgements.class);
    private final List<Boolean> seenWhenStored = new ArrayList<>();

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        mail.start();
        mail.setUser("support@stratum.example", "support", "secret");
        return mail;
    }

    @AfterEach
    void stopMail() {
        mail.stop();
    }

    @Test
    void theInboxEntryIsOnDiskBeforeTheMailIsMarkedSeen() throws Exception {
        mail.getUserManager().getUserByEmail("support@stratum.example").deliver(
                GreenMailUtil.createTextEmail("support@stratum.example", "ann@acme.example", "Printer down",
                        "The printer is down.", ServerSetupTest.IMAP));
        when(inbox.store(any(), any(), any(), any())).thenReturn("inbox-1");
        when(intake.accept(eq("inbox-1"), any())).thenReturn(new InquiryIntake.Outcome("inq-1", "pi-1", true));
        doAnswer(call -> seenWhenStored.add(seen())).when(durable).persist();

        ImapPoller.PollResult result = poller().poll();

        assertThat(result.accepted()).isEqualTo(1);
        InOrder order = inOrder(inbox, intake, durable);
        order.verify(inbox).store(eq("imap"), eq("message/rfc822"), any(), any());
        order.verify(intake).accept(eq("inbox-1"), any());
        order.verify(durable).persist();
        assertThat(seenWhenStored).containsExactly(false);
        assertThat(seen()).isTrue();
    }

    private boolean seen() throws Exception {
        List<StoredMessage> messages = mail.getManagers().getImapHostManager()
                .getInbox(mail.getUserManager().getUserByEmail("support@stratum.example")).getMessages();
        assertThat(messages).hasSize(1);
        return messages.get(0).getFlags().contains(Flags.Flag.SEEN);
    }

    private ImapPoller poller() {
        IngestionSettings.Imap imap = new IngestionSettings.Imap("127.0.0.1", mail.getImap().getPort(), "imap",
                "support", "secret", "INBOX", Duration.ofHours(1), Duration.ofHours(1), 50, Duration.ofSeconds(20));
        IngestionSettings settings = new IngestionSettings(DataSize.ofKilobytes(64), 10_000, List.of("email"),
                Duration.ofSeconds(30), DataSize.ofMegabytes(1), false,
                new IngestionSettings.Retry(false, Duration.ofMinutes(1), 20), new IngestionSettings.Mail(imap),
                new IngestionSettings.Backlog(5000, Duration.ofSeconds(1)));
        return new ImapPoller(intake, inbox, mock(MailDocuments.class), settings, durable,
                new IntakeBacklog(() -> 0, 0, Duration.ZERO));
    }
}
