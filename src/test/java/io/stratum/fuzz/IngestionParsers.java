package io.stratum.fuzz;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.stratum.ingestion.Customer;
import io.stratum.ingestion.IngestionSettings;
import io.stratum.ingestion.Inquiry;
import jakarta.mail.internet.MimeMessage;
import org.springframework.util.unit.DataSize;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingestion layer's parsers, which are package-private there (no public API for them), reached through method
 * handles so the fuzz tests can live apart from the layer. Exceptions of the parsers pass through unchanged.
 */
final class IngestionParsers {

    /** What the validator said: an inquiry, or the problems (field, message). */
    record Outcome(Inquiry inquiry, List<Problem> problems) {
    }

    record Problem(String field, String message) {
    }

    record Draft(String channel, String from, String subject, String body, String customerId, String externalId) {
    }

    /** As in application.yaml; the validator reads the channels and the body limit. */
    static final IngestionSettings SETTINGS = new IngestionSettings(DataSize.ofKilobytes(64), 10_000,
            List.of("web", "email", "chat", "api"), Duration.ofSeconds(30), DataSize.ofMegabytes(1), false,
            new IngestionSettings.Retry(false, Duration.ofMinutes(1), 20),
            new IngestionSettings.Mail(new IngestionSettings.Imap("", 993, "imaps", "", "", "INBOX",
                    Duration.ofMinutes(1), Duration.ofSeconds(10), 50, Duration.ofSeconds(20))),
            new IngestionSettings.Backlog(5000, Duration.ofSeconds(1)));
    /** The intake's JSON reading: strict about a second document and repeated keys (see InquiryIntake). */
    static final ObjectReader JSON = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private static final String PKG = "io.stratum.ingestion.";
    private static final Class<?> VALIDATOR = type("InquiryValidator");
    private static final Class<?> DRAFT = type("InquiryDraft");
    private static final Class<?> PROBLEM = type("FieldProblem");
    private static final Class<?> CSV_REJECTED = type("CustomerImportException");
    private static final MethodHandle NEW_VALIDATOR = handle(VALIDATOR,
            lookup -> lookup.findConstructor(VALIDATOR, MethodType.methodType(void.class, IngestionSettings.class)));
    private static final MethodHandle FROM_JSON = handle(VALIDATOR, lookup -> lookup.findVirtual(VALIDATOR, "fromJson",
            MethodType.methodType(DRAFT, JsonNode.class, List.class)));
    private static final MethodHandle VALIDATE = handle(VALIDATOR, lookup -> lookup.findVirtual(VALIDATOR, "validate",
            MethodType.methodType(Inquiry.class, DRAFT, Instant.class, List.class)));
    private static final MethodHandle NEW_DRAFT = handle(DRAFT, lookup -> lookup.findConstructor(DRAFT,
            MethodType.methodType(void.class, String.class, String.class, String.class, String.class, String.class,
                    String.class)));
    private static final MethodHandle PARSE_CSV = handle(type("CustomerCsv"), lookup -> lookup.findStatic(
            type("CustomerCsv"), "parse", MethodType.methodType(List.class, String.class)));
    private static final MethodHandle CSV_LINE = handle(CSV_REJECTED, lookup -> lookup.findVirtual(CSV_REJECTED,
            "line", MethodType.methodType(int.class)));
    private static final MethodHandle CSV_PROBLEMS = handle(CSV_REJECTED, lookup -> lookup.findVirtual(CSV_REJECTED,
            "problems", MethodType.methodType(List.class)));
    private static final MethodHandle TO_DRAFT = handle(type("MailMessages"), lookup -> lookup.findStatic(
            type("MailMessages"), "toDraft", MethodType.methodType(DRAFT, MimeMessage.class)));
    private static final MethodHandle HTML_TO_TEXT = handle(type("MailMessages"), lookup -> lookup.findStatic(
            type("MailMessages"), "htmlToText", MethodType.methodType(String.class, String.class)));

    private static final Object VALIDATOR_INSTANCE = call(() -> NEW_VALIDATOR.invoke(SETTINGS));

    private IngestionParsers() {
    }

    /** Parses and validates a request body the way {@code POST /api/inquiries} does. */
    static Outcome submitJson(byte[] raw) throws Throwable {
        List<Object> problems = new ArrayList<>();
        Object draft;
        try {
            draft = FROM_JSON.invoke(VALIDATOR_INSTANCE, JSON.readTree(raw), problems);
        } catch (JacksonException | IllegalArgumentException e) {
            return new Outcome(null, List.of(new Problem("$", "malformed JSON: " + e.getMessage())));
        } catch (java.io.IOException e) {
            // e.g. a body Jackson detects as UTF-32 with impossible characters; the intake says "unreadable body"
            return new Outcome(null, List.of(new Problem("$", "unreadable body: " + e.getMessage())));
        }
        if (draft == null) {
            return new Outcome(null, problems(problems));
        }
        Inquiry inquiry = (Inquiry) VALIDATE.invoke(VALIDATOR_INSTANCE, draft, Instant.EPOCH, problems);
        return new Outcome(inquiry, problems(problems));
    }

    static Outcome validate(Draft d) throws Throwable {
        Object draft = NEW_DRAFT.invoke(d.channel(), d.from(), d.subject(), d.body(), d.customerId(), d.externalId());
        List<Object> problems = new ArrayList<>();
        Inquiry inquiry = (Inquiry) VALIDATE.invoke(VALIDATOR_INSTANCE, draft, Instant.EPOCH, problems);
        return new Outcome(inquiry, problems(problems));
    }

    /** The customer CSV parser; a rejection comes back as {@link CsvRejected}. */
    @SuppressWarnings("unchecked")
    static List<Customer> parseCsv(String text) throws Throwable {
        try {
            return (List<Customer>) PARSE_CSV.invoke(text);
        } catch (RuntimeException e) {
            if (CSV_REJECTED.isInstance(e)) {
                throw new CsvRejected((int) CSV_LINE.invoke(e), problems((List<Object>) CSV_PROBLEMS.invoke(e)), e);
            }
            throw e;
        }
    }

    static Draft mailToDraft(MimeMessage message) throws Throwable {
        Object draft = TO_DRAFT.invoke(message);
        List<String> v = new ArrayList<>();
        for (RecordComponent c : DRAFT.getRecordComponents()) {
            c.getAccessor().setAccessible(true);
            v.add((String) c.getAccessor().invoke(draft));
        }
        return new Draft(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5));
    }

    static String htmlToText(String html) throws Throwable {
        return (String) HTML_TO_TEXT.invoke(html);
    }

    static final class CsvRejected extends Exception {
        final int line;
        final List<Problem> problems;

        CsvRejected(int line, List<Problem> problems, Throwable cause) {
            super("line " + line + ": " + problems, cause);
            this.line = line;
            this.problems = problems;
        }
    }

    private static List<Problem> problems(List<Object> raw) throws Throwable {
        List<Problem> out = new ArrayList<>();
        for (Object p : raw) {
            RecordComponent[] rc = PROBLEM.getRecordComponents();
            rc[0].getAccessor().setAccessible(true);
            rc[1].getAccessor().setAccessible(true);
            out.add(new Problem((String) rc[0].getAccessor().invoke(p), (String) rc[1].getAccessor().invoke(p)));
        }
        return out;
    }

    private interface Find {
        MethodHandle find(MethodHandles.Lookup lookup) throws ReflectiveOperationException;
    }

    private interface Call {
        Object call() throws Throwable;
    }

    private static MethodHandle handle(Class<?> owner, Find find) {
        try {
            return find.find(MethodHandles.privateLookupIn(owner, MethodHandles.lookup()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ingestion parser API changed: " + e.getMessage(), e);
        }
    }

    private static Object call(Call call) {
        try {
            return call.call();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> type(String simpleName) {
        try {
            return Class.forName(PKG + simpleName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
