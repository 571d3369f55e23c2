package io.stratum.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Turns a draft into a canonical {@link Inquiry}, or names every field that is wrong. */
@Component
class InquiryValidator {

    static final String EMAIL = "email";
    static final int MAX_FROM = 320;
    static final int MAX_SUBJECT = 998;
    static final int MAX_EXTERNAL_ID = 500;

    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern EMAIL_ADDRESS =
            Pattern.compile("[^@\\s]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    static final String[] FIELDS = {"channel", "from", "subject", "body", "customerId", "externalId"};

    private final List<String> channels;
    private final int maxBodyChars;

    InquiryValidator(IngestionSettings settings) {
        this.channels = settings.channels().stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
        this.maxBodyChars = settings.maxBodyChars();
    }

    /**
     * Reads the JSON document's fields; anything that is present but not a string is a problem.
     * Returns null when the document is not an object.
     */
    InquiryDraft fromJson(JsonNode root, List<FieldProblem> problems) {
        if (root == null || !root.isObject()) {
            problems.add(new FieldProblem("$", "must be a JSON object"));
            return null;
        }
        String[] values = new String[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            JsonNode node = root.get(FIELDS[i]);
            if (node == null || node.isNull()) {
                continue;
            }
            if (!node.isTextual()) {
                problems.add(new FieldProblem(FIELDS[i], "must be a string"));
                continue;
            }
            values[i] = node.textValue();
        }
        return new InquiryDraft(values[0], values[1], values[2], values[3], values[4], values[5]);
    }

    /**
     * Validates and normalises; {@code problems} collects what is wrong (possibly already holding parse problems).
     * Returns null when there are problems.
     */
    Inquiry validate(InquiryDraft draft, Instant receivedAt, List<FieldProblem> problems) {
        // Fields that already failed (e.g. not a string) are reported once, not again as "required".
        java.util.Set<String> known = new java.util.HashSet<>();
        problems.forEach(p -> known.add(p.field()));
        List<FieldProblem> found = new ArrayList<>();
        String channel = trimToNull(draft.channel());
        if (channel == null) {
            found.add(new FieldProblem("channel", "is required (one of " + String.join(", ", channels) + ")"));
        } else {
            channel = channel.toLowerCase(Locale.ROOT);
            if (!channels.contains(channel)) {
                found.add(new FieldProblem("channel", "must be one of " + String.join(", ", channels)));
                channel = null;
            }
        }

        String from = trimToNull(draft.from());
        if (from == null) {
            found.add(new FieldProblem("from", "is required"));
        } else if (from.length() > MAX_FROM) {
            found.add(new FieldProblem("from", "must be at most " + MAX_FROM + " characters"));
        } else if (EMAIL.equals(channel)) {
            String address = emailAddress(from);
            if (address == null) {
                found.add(new FieldProblem("from", "must be a valid e-mail address for channel email"));
            }
            from = address;
        }

        String subject = trimToNull(draft.subject());
        if (subject != null) {
            subject = subject.replaceAll("\\s+", " ");
            if (subject.length() > MAX_SUBJECT) {
                found.add(new FieldProblem("subject", "must be at most " + MAX_SUBJECT + " characters"));
            }
        }

        String body = draft.body() == null ? null : normaliseText(draft.body());
        if (body == null || body.isEmpty()) {
            found.add(new FieldProblem("body", draft.body() == null ? "is required" : "must not be blank"));
        } else if (body.codePointCount(0, body.length()) > maxBodyChars) {
            found.add(new FieldProblem("body", "must be at most " + maxBodyChars + " characters"));
        }

        String customerId = trimToNull(draft.customerId());
        if (customerId != null && !CUSTOMER_ID.matcher(customerId).matches()) {
            found.add(new FieldProblem("customerId", "must be 1-64 letters, digits, '.', '_' or '-'"));
        }

        String externalId = draft.externalId() == null ? null : draft.externalId().strip();
        if (externalId != null && externalId.isEmpty()) {
            found.add(new FieldProblem("externalId", "must not be blank when given"));
        } else if (externalId != null && externalId.length() > MAX_EXTERNAL_ID) {
            found.add(new FieldProblem("externalId", "must be at most " + MAX_EXTERNAL_ID + " characters"));
        }

        String[] texts = {draft.from(), draft.subject(), draft.body(), draft.externalId()};
        for (int i = 0; i < texts.length; i++) {
            if (texts[i] != null && texts[i].indexOf('\u0000') >= 0) {
                // PostgreSQL text (and so Camunda's variables there) cannot hold U+0000.
                String field = new String[]{"from", "subject", "body", "externalId"}[i];
                found.removeIf(p -> p.field().equals(field));
                found.add(new FieldProblem(field, "must not contain NUL characters (U+0000)"));
            }
        }
        found.stream().filter(p -> !known.contains(p.field())).forEach(problems::add);
        if (!problems.isEmpty()) {
            return null;
        }
        return new Inquiry(UUID.randomUUID().toString(), channel, from, subject, body, customerId, externalId,
                receivedAt);
    }

    /** The bare address of {@code "Name <a@b.example>"} or {@code a@b.example}, domain lower-cased; null if invalid. */
    static String emailAddress(String from) {
        try {
            InternetAddress parsed = new InternetAddress(from, true);
            String address = parsed.getAddress();
            if (address == null || !EMAIL_ADDRESS.matcher(address).matches()) {
                return null;
            }
            int at = address.lastIndexOf('@');
            return address.substring(0, at) + "@" + address.substring(at + 1).toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            return null;
        }
    }

    /** Unix line ends, no trailing spaces per line, at most one blank line in a row, trimmed. */
    static String normaliseText(String text) {
        String s = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ');
        s = s.replaceAll("[ \\t\\x0B\\f]+\\n", "\n");
        s = s.replaceAll("\\n{3,}", "\n\n");
        return s.strip();
    }

    private static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
