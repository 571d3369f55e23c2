package io.stratum.ingestion;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real GreenMail SMTP + IMAP server on 127.0.0.1 with dynamic ports, wired into one shared Spring context
 * (SMTP for the outbox, IMAP for the e-mail channel). The scheduler never polls on its own here: tests call poll().
 */
// Background restarts off (tests call restartFailed() themselves); interval 0: a failed start is due at once.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"stratum.ingestion.retry.enabled=false", "stratum.ingestion.retry.interval=PT0S"})
@ActiveProfiles("test")
@Import(RecordingInquiryWorkflow.Config.class)
public abstract class GreenMailTestBase {

    public static final String SUPPORT_ADDRESS = "support@stratum.example";
    protected static final GreenMail MAIL = start();

    private static GreenMail start() {
        GreenMail mail = new GreenMail(new ServerSetup[]{
                ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
        mail.start();
        mail.setUser(SUPPORT_ADDRESS, "support", "secret");
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }

    @DynamicPropertySource
    static void mailServers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("stratum.ingestion.mail.imap.host", () -> "127.0.0.1");
        registry.add("stratum.ingestion.mail.imap.port", () -> MAIL.getImap().getPort());
        registry.add("stratum.ingestion.mail.imap.protocol", () -> "imap");
        registry.add("stratum.ingestion.mail.imap.username", () -> "support");
        registry.add("stratum.ingestion.mail.imap.password", () -> "secret");
        registry.add("stratum.ingestion.mail.imap.initial-delay", () -> "PT1H");
        registry.add("stratum.ingestion.mail.imap.poll-interval", () -> "PT1H");
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
    }
}
