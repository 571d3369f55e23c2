package io.stratum.ingestion;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InquiryValidatorTests {

    static IngestionSettings settings(int maxBodyChars) {
        return new IngestionSettings(DataSize.ofKilobytes(64), maxBodyChars, List.of("web", "email", "chat", "api"),
                Duration.ofSeconds(30), DataSize.ofMegabytes(1), false,
                new IngestionSettings.Retry(false, Duration.ofMinutes(1), 20),
                new IngestionSettings.Mail(new IngestionSettings.Imap("", 993, "imaps", "", "", "INBOX",
                        Duration.ofMinutes(1), Duration.ofSeconds(10), 50, Duration.ofSeconds(20))),
                new IngestionSettings.Backlog(5000, Duration.ofSeconds(1)));
    }

    private final InquiryValidator validator = new InquiryValidator(settings(20));
    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

    private List<FieldProblem> problems(InquiryDraft draft) {
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(validator.validate(draft, now, problems)).isNull();
        return problems;
    }

    @Test
    void normalisesAValidInquiry() {
        List<FieldProblem> problems = new ArrayList<>();
        Inquiry inquiry = validator.validate(new InquiryDraft(" EMAIL ", "Ann Lee <ann.lee@Acme.EXAMPLE>",
                " Help\t me ", "\r\nLine one  \r\n\r\n\r\nLine two\r\n", " C-1001 ", " msg-1 "), now, problems);
        assertThat(problems).isEmpty();
        assertThat(inquiry.channel()).isEqualTo("email");
        assertThat(inquiry.from()).isEqualTo("ann.lee@acme.example");
        assertThat(inquiry.subject()).isEqualTo("Help me");
        assertThat(inquiry.body()).isEqualTo("Line one\n\nLine two");
        assertThat(inquiry.customerId()).isEqualTo("C-1001");
        assertThat(inquiry.externalId()).isEqualTo("msg-1");
        assertThat(inquiry.receivedAt()).isEqualTo(now);
        assertThat(inquiry.id()).isNotBlank();
    }

    @Test
    void blankSubjectBecomesNull() {
        Inquiry inquiry = validator.validate(new InquiryDraft("web", "x", "  ", "b", null, null), now,
                new ArrayList<>());
        assertThat(inquiry.subject()).isNull();
    }

    @Test
    void namesEachBadField() {
        assertThat(problems(new InquiryDraft(null, "a", null, "b", null, null)))
                .extracting(FieldProblem::field).containsExactly("channel");
        assertThat(problems(new InquiryDraft("sms", "a", null, "b", null, null)))
                .extracting(FieldProblem::field).containsExactly("channel");
        assertThat(problems(new InquiryDraft("web", " ", null, "b", null, null)))
                .extracting(FieldProblem::field).containsExactly("from");
        assertThat(problems(new InquiryDraft("email", "ann@", null, "b", null, null)))
                .extracting(FieldProblem::field).containsExactly("from");
        assertThat(problems(new InquiryDraft("email", "ann@localhost", null, "b", null, null)))
                .extracting(FieldProblem::field).containsExactly("from");
        assertThat(problems(new InquiryDraft("web", "a", null, null, null, null)))
                .extracting(FieldProblem::field).containsExactly("body");
        assertThat(problems(new InquiryDraft("web", "a", null, " \n\t", null, null)))
                .extracting(FieldProblem::field).containsExactly("body");
        assertThat(problems(new InquiryDraft("web", "a", null, "x".repeat(21), null, null)))
                .extracting(FieldProblem::field).containsExactly("body");
        assertThat(problems(new InquiryDraft("web", "a", "s".repeat(999), "b", null, null)))
                .extracting(FieldProblem::field).containsExactly("subject");
        assertThat(problems(new InquiryDraft("web", "a", null, "b", "x y", null)))
                .extracting(FieldProblem::field).containsExactly("customerId");
        assertThat(problems(new InquiryDraft("web", "a", null, "b", null, "")))
                .extracting(FieldProblem::field).containsExactly("externalId");
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String twentyEmoji = "\uD83D\uDE00".repeat(20);
        assertThat(validator.validate(new InquiryDraft("web", "a", null, twentyEmoji, null, null), now,
                new ArrayList<>())).isNotNull();
    }

    @Test
    void nonStringJsonFieldsAreProblems() throws Exception {
        List<FieldProblem> problems = new ArrayList<>();
        InquiryDraft draft = validator.fromJson(new ObjectMapper().readTree(
                "{\"channel\":\"web\",\"from\":{\"a\":1},\"body\":[\"x\"],\"subject\":null,\"extra\":1}"), problems);
        assertThat(problems).extracting(FieldProblem::field).containsExactly("from", "body");
        assertThat(draft.channel()).isEqualTo("web");
        assertThat(draft.subject()).isNull();
    }
}
