package io.stratum.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stratum.ingestion.document.DocumentInspection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the document door's judgement (type detection from the bytes, PDFBox and image-header validation): any bytes
 * get a verdict, never an exception; an accepted file is one of the four types with a page count within the limit;
 * a refusal has a reason and a 4xx status; "unsupported" is said exactly when no magic number matched.
 */
class DocumentInspectionFuzzTests {

    /** Small limits, so that the fuzzer reaches the page and pixel checks with small inputs. */
    static final DocumentInspection.Limits LIMITS = new DocumentInspection.Limits(1_000_000, 5, 4_000_000, 8_000_000);

    @FuzzTest(maxDuration = "2m")
    void inspect(byte[] raw) {
        DocumentInspection.Verdict verdict = DocumentInspection.inspect(raw, LIMITS);
        String detected = DocumentInspection.detect(raw);
        if (verdict.accepted()) {
            assertThat(verdict.mediaType()).isNotNull().isEqualTo(detected);
            assertThat(verdict.pages()).isBetween(1, LIMITS.maxPages());
            assertThat(verdict.reason()).isNull();
            return;
        }
        assertThat(verdict.reason()).isNotBlank();
        assertThat(verdict.rejection().status).isIn(400, 413, 415, 422);
        if (raw.length > 0) {
            assertThat(verdict.rejection() == DocumentInspection.Rejection.UNSUPPORTED)
                    .as(verdict.toString()).isEqualTo(detected == null);
        }
    }
}
