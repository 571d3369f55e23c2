package io.stratum.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes mail-to-inquiry conversion (the IMAP channel without a server): any RFC 822 bytes give a draft the validator
 * can judge, or a mail exception; the conversion itself never fails with another exception.
 */
class MailMessagesFuzzTests {

    private static final Session SESSION = Session.getInstance(new Properties());

    @FuzzTest(maxDuration = "2m")
    void rawMessage(byte[] raw) throws Throwable {
        IngestionParsers.Draft draft;
        try {
            draft = IngestionParsers.mailToDraft(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
        } catch (MessagingException | IOException e) {
            return; // the poller stores the raw mail as REJECTED with this reason
        } catch (RuntimeException e) {
            // Library failures deep in Jakarta Mail are caught by the poller (REJECTED); ours would be a bug.
            assertThat(e.getStackTrace().length == 0 || !e.getStackTrace()[0].getClassName()
                    .startsWith("io.stratum.")).as("exception thrown by Stratum's own code: " + e).isTrue();
            return;
        }
        assertThat(draft.channel()).isEqualTo("email");
        InquiryJsonFuzzTests.check(IngestionParsers.validate(draft));
    }

    @FuzzTest(maxDuration = "2m")
    void html(byte[] raw) throws Throwable {
        String text = IngestionParsers.htmlToText(new String(raw, StandardCharsets.UTF_8));
        assertThat(text).isNotNull().doesNotContain("\r");
    }
}
