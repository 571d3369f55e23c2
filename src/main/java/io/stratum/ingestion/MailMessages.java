package io.stratum.ingestion;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns an RFC 822 message into an inquiry draft: sender, subject, readable text body, Message-ID. */
final class MailMessages {

    private static final Pattern DROP_BLOCKS =
            Pattern.compile("(?is)<(script|style|head)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern BREAKS =
            Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|blockquote|pre|table)\\s*>|<(p|div|li|tr|h[1-6])\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});");

    private MailMessages() {
    }

    static InquiryDraft toDraft(MimeMessage message) throws MessagingException, IOException {
        String from = sender(message);
        String subject = message.getSubject();
        String body = text(message);
        if ((body == null || body.isBlank()) && subject != null && !subject.isBlank()) {
            // Subject-only mails ("Printer broken") are real inquiries: the subject is all the text there is.
            body = subject;
        }
        return new InquiryDraft(InquiryValidator.EMAIL, from, subject, body, null, externalId(message));
    }

    /** The draft of a raw RFC 822 message as the poller stored it in the inbox, under the externalId it chose. */
    static InquiryDraft toDraft(byte[] raw, String externalId) throws MessagingException, IOException {
        InquiryDraft draft = toDraft(new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(raw)));
        return new InquiryDraft(draft.channel(), draft.from(), draft.subject(), draft.body(), null, externalId);
    }

    /** The Message-ID, or a fingerprint of the raw message when it has none, so re-reading never duplicates. */
    static String externalId(MimeMessage message) throws MessagingException {
        String id = message.getMessageID();
        if (id != null && !id.isBlank()) {
            return id.strip();
        }
        return null;
    }

    static String fingerprint(byte[] raw) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sender(MimeMessage message) throws MessagingException {
        var from = message.getFrom();
        if (from == null || from.length == 0) {
            var replyTo = message.getReplyTo();
            from = replyTo;
        }
        if (from == null || from.length == 0) {
            return null;
        }
        return from[0] instanceof InternetAddress ia ? ia.getAddress() : from[0].toString();
    }

    /**
     * A file carried by a mail: a part with an attachment disposition, or with a file name and not embedded in the
     * HTML body.
     *
     * @param head      the first bytes (up to 4 KB), enough to tell the file's type
     * @param truncated the part was larger than the limit; {@code bytes} then holds only its start
     */
    record Attachment(String name, byte[] bytes, boolean truncated) {

        byte[] head() {
            return bytes.length <= 4096 ? bytes : java.util.Arrays.copyOf(bytes, 4096);
        }
    }

    /** At most this many attachments per mail, and this deep in nested multiparts: a bound for hostile mails. */
    private static final int MAX_ATTACHMENTS = 50;
    private static final int MAX_DEPTH = 10;

    /** The files of a message, each read up to {@code maxBytes} (one byte more marks it truncated). */
    static List<Attachment> attachments(Part message, long maxBytes) throws MessagingException, IOException {
        List<Attachment> found = new ArrayList<>();
        collect(message, maxBytes, 0, found);
        return found;
    }

    private static void collect(Part part, long maxBytes, int depth, List<Attachment> found)
            throws MessagingException, IOException {
        if (found.size() >= MAX_ATTACHMENTS || depth > MAX_DEPTH) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    collect(mp.getBodyPart(i), maxBytes, depth + 1, found);
                }
            }
            return;
        }
        // Images embedded in an HTML body (logos, signatures) carry a Content-ID and are not files sent to us.
        boolean file = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                || part.getFileName() != null && part.getHeader("Content-ID") == null;
        if (!file) {
            return;
        }
        try (InputStream in = part.getInputStream()) {
            int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
            byte[] bytes = in.readNBytes(limit);
            boolean truncated = bytes.length > maxBytes;
            found.add(new Attachment(part.getFileName(), bytes, truncated));
        }
    }

    /** Plain text preferred; HTML converted to text when it is all there is. Attachments are skipped. */
    static String text(Part part) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return null;
        }
        if (part.isMimeType("text/plain")) {
            return content(part);
        }
        if (part.isMimeType("text/html")) {
            return htmlToText(content(part));
        }
        if (part.isMimeType("multipart/alternative")) {
            Multipart mp = (Multipart) part.getContent();
            String html = null;
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                if (bp.isMimeType("text/plain")) {
                    String t = content(bp);
                    if (t != null && !t.isBlank()) {
                        return t;
                    }
                } else if (html == null) {
                    html = text(bp);
                }
            }
            return html;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < mp.getCount(); i++) {
                String t = text(mp.getBodyPart(i));
                if (t != null && !t.isBlank()) {
                    if (!sb.isEmpty()) {
                        sb.append("\n\n");
                    }
                    sb.append(t.strip());
                }
            }
            return sb.toString();
        }
        if (part.isMimeType("message/rfc822")) {
            return null;
        }
        return null;
    }

    private static String content(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof InputStream in) {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static String htmlToText(String html) {
        if (html == null) {
            return null;
        }
        String s = DROP_BLOCKS.matcher(html).replaceAll(" ");
        s = s.replaceAll("\\s+", " ");
        s = BREAKS.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = decodeEntities(s);
        s = s.replaceAll("[ \\t]+", " ").replaceAll(" ?\\n ?", "\n");
        return InquiryValidator.normaliseText(s);
    }

    private static String decodeEntities(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String rep;
            if (e.startsWith("#x") || e.startsWith("#X")) {
                rep = codePoint(Integer.parseInt(e.substring(2), 16), m.group());
            } else if (e.startsWith("#")) {
                rep = codePoint(Integer.parseInt(e.substring(1)), m.group());
            } else {
                rep = switch (e.toLowerCase(Locale.ROOT)) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "nbsp" -> " ";
                    case "ndash" -> "\u2013";
                    case "mdash" -> "\u2014";
                    case "euro" -> "\u20ac";
                    case "hellip" -> "\u2026";
                    default -> m.group();
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(rep));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String codePoint(int cp, String original) {
        return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : original;
    }
}
