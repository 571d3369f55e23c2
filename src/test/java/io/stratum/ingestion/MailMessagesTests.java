package io.stratum.ingestion;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MailMessagesTests {

    private final Session session = Session.getInstance(new Properties());

    private MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void plainTextMail() throws Exception {
        InquiryDraft draft = MailMessages.toDraft(parse("""
                From: "Ann Lee" <ann@acme.example>
                To: support@stratum.example
                Subject: =?UTF-8?Q?Drucker_f=C3=A4llt_aus?=
                Message-ID: <abc-1@acme.example>
                Content-Type: text/plain; charset=UTF-8

                The printer is down.
                """));
        assertThat(draft.channel()).isEqualTo("email");
        assertThat(draft.from()).isEqualTo("ann@acme.example");
        assertThat(draft.subject()).isEqualTo("Drucker fällt aus");
        assertThat(draft.body().strip()).isEqualTo("The printer is down.");
        assertThat(draft.externalId()).isEqualTo("<abc-1@acme.example>");
    }

    @Test
    void multipartAlternativePrefersThePlainPart() throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("bob@globex.example");
        message.setSubject("Both");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText("plain version", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>html version</p>", "text/html; charset=UTF-8");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();

        assertThat(MailMessages.toDraft(message).body()).isEqualTo("plain version");
    }

    @Test
    void htmlOnlyMailBecomesReadableText() throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("carol@initech.example");
        message.setSubject("HTML");
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("""
                <html><head><style>p { color: red }</style></head><body>
                <p>Hello&nbsp;team,</p><p>the <b>VPN</b> is down &amp; we can&#39;t work.<br>Thanks</p>
                <script>alert(1)</script></body></html>""", "text/html; charset=UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setText("secret attachment text");
        attachment.setFileName("log.txt");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        mixed.addBodyPart(html);
        mixed.addBodyPart(attachment);
        message.setContent(mixed);
        message.saveChanges();

        String body = MailMessages.toDraft(message).body();
        assertThat(body).isEqualTo("Hello team,\n\nthe VPN is down & we can't work.\nThanks");
    }

    @Test
    void subjectOnlyMailUsesTheSubjectAsBody() throws Exception {
        InquiryDraft draft = MailMessages.toDraft(parse("""
                From: dan@hooli.example
                Subject: Password reset please
                Content-Type: text/plain

                """));
        assertThat(draft.body()).isEqualTo("Password reset please");
        assertThat(draft.externalId()).isNull();
    }

    @Test
    void fingerprintIsStablePerContent() {
        assertThat(MailMessages.fingerprint("a".getBytes())).isEqualTo(MailMessages.fingerprint("a".getBytes()))
                .isNotEqualTo(MailMessages.fingerprint("b".getBytes())).startsWith("sha256:");
    }
}
