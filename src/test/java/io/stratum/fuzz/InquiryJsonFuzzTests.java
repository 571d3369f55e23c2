package io.stratum.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stratum.ingestion.Inquiry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the inquiry intake's parsing and validation ({@code POST /api/inquiries} without the database): whatever the
 * bytes, the answer is an inquiry that satisfies every rule, or named problems; never another exception.
 */
class InquiryJsonFuzzTests {

    @FuzzTest(maxDuration = "2m")
    void requestBody(byte[] raw) throws Throwable {
        check(IngestionParsers.submitJson(raw));
    }

    @FuzzTest(maxDuration = "2m")
    void draftFields(FuzzedDataProvider data) throws Throwable {
        IngestionParsers.Draft draft = new IngestionParsers.Draft(
                data.consumeBoolean() ? data.pickValue(new String[]{"web", "email", "chat", "api", "WEB", " Email "})
                        : nullable(data, 20),
                nullable(data, 400), nullable(data, 1200), nullable(data, 3000), nullable(data, 80),
                nullable(data, 600));
        check(IngestionParsers.validate(draft));
    }

    private static String nullable(FuzzedDataProvider data, int max) {
        return data.consumeBoolean() ? null : data.consumeString(max);
    }

    static void check(IngestionParsers.Outcome outcome) throws Throwable {
        Inquiry q = outcome.inquiry();
        if (q == null) {
            assertThat(outcome.problems()).as("a rejection names its problems").isNotEmpty();
            for (IngestionParsers.Problem p : outcome.problems()) {
                assertThat(p.field()).isNotBlank();
                assertThat(p.message()).isNotBlank();
            }
            return;
        }
        assertThat(outcome.problems()).isEmpty();
        assertThat(IngestionParsers.SETTINGS.channels()).contains(q.channel());
        assertThat(q.from()).isNotBlank().hasSizeLessThanOrEqualTo(320);
        assertThat(q.body()).isNotBlank();
        assertThat(q.body().codePointCount(0, q.body().length()))
                .isLessThanOrEqualTo(IngestionParsers.SETTINGS.maxBodyChars());
        if (q.subject() != null) {
            assertThat(q.subject()).hasSizeLessThanOrEqualTo(998).doesNotContain("\r", "\n");
        }
        if (q.externalId() != null) {
            assertThat(q.externalId()).isNotBlank().hasSizeLessThanOrEqualTo(500);
        }
        for (String s : new String[]{q.from(), q.subject(), q.body(), q.customerId(), q.externalId()}) {
            // PostgreSQL text cannot store U+0000
            assertThat(s == null || s.indexOf('\u0000') < 0).as("no NUL in " + s).isTrue();
        }
        // Normalisation is stable: the canonical inquiry validates to itself.
        IngestionParsers.Outcome again = IngestionParsers.validate(new IngestionParsers.Draft(q.channel(), q.from(),
                q.subject(), q.body(), q.customerId(), q.externalId()));
        assertThat(again.problems()).as("re-validating " + q).isEmpty();
        Inquiry r = again.inquiry();
        assertThat(new String[]{r.channel(), r.from(), r.subject(), r.body(), r.customerId(), r.externalId()})
                .containsExactly(q.channel(), q.from(), q.subject(), q.body(), q.customerId(), q.externalId());
    }
}
