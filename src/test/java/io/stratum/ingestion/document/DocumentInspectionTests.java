package io.stratum.ingestion.document;

import io.stratum.ingestion.document.DocumentInspection.Rejection;
import io.stratum.ingestion.document.DocumentInspection.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentInspectionTests {

    static final DocumentInspection.Limits LIMITS =
            new DocumentInspection.Limits(5_000_000, 20, 40_000_000, 16_000_000);

    static Verdict inspect(byte[] bytes) {
        return DocumentInspection.inspect(bytes, LIMITS);
    }

    @Test
    void detectsTypesFromMagicNumbersOnly() {
        assertThat(DocumentInspection.detect(TestDocuments.pdf("a"))).isEqualTo("application/pdf");
        assertThat(DocumentInspection.detect(TestDocuments.png(10, 10, "a"))).isEqualTo("image/png");
        assertThat(DocumentInspection.detect(TestDocuments.jpeg(10, 10, "a"))).isEqualTo("image/jpeg");
        assertThat(DocumentInspection.detect(TestDocuments.tiff(10, 10, "a"))).isEqualTo("image/tiff");
        assertThat(DocumentInspection.detect(TestDocuments.zip("a"))).isNull();
        assertThat(DocumentInspection.detect(TestDocuments.html("a"))).isNull();
        assertThat(DocumentInspection.detect("invoice.pdf".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(DocumentInspection.detect(new byte[0])).isNull();
        // a mail gateway's junk before the header is tolerated, as PDF readers do
        byte[] prefixed = concat("X-Scanner: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), TestDocuments.pdf("p"));
        assertThat(DocumentInspection.detect(prefixed)).isEqualTo("application/pdf");
    }

    @Test
    void acceptsGoodFilesWithTheirPageCount() {
        assertThat(inspect(TestDocuments.pdf(3, "ok"))).isEqualTo(new Verdict("application/pdf", 3, null, null));
        assertThat(inspect(TestDocuments.png(200, 100, "ok"))).isEqualTo(new Verdict("image/png", 1, null, null));
        assertThat(inspect(TestDocuments.jpeg(200, 100, "ok"))).isEqualTo(new Verdict("image/jpeg", 1, null, null));
        assertThat(inspect(TestDocuments.tiff(200, 100, "ok"))).isEqualTo(new Verdict("image/tiff", 1, null, null));
        // encrypted for permissions only: readable without a password, so accepted
        assertThat(inspect(TestDocuments.permissionsOnlyPdf("perm")).accepted()).isTrue();
    }

    @Test
    void rejectsEmpty() {
        assertRejected(inspect(new byte[0]), Rejection.EMPTY, 400, "empty");
    }

    @Test
    void rejectsTooLargeInBytes() {
        byte[] big = Arrays.copyOf(TestDocuments.pdf("big"), 5_000_001);
        assertRejected(inspect(big), Rejection.TOO_LARGE, 413, "5000001 bytes");
    }

    @Test
    void rejectsTooManyPages() {
        Verdict v = inspect(TestDocuments.pdf(21, "pages"));
        assertRejected(v, Rejection.TOO_MANY_PAGES, 413, "21 pages");
        assertThat(v.pages()).isEqualTo(21);
    }

    @Test
    void rejectsPasswordProtectedPdf() {
        assertRejected(inspect(TestDocuments.encryptedPdf("enc")), Rejection.ENCRYPTED, 422, "password");
    }

    @Test
    void rejectsTruncatedAndCorruptPdf() {
        assertRejected(inspect(TestDocuments.truncatedPdf("cut")), Rejection.CORRUPT, 422, "truncated");
        assertRejected(inspect(TestDocuments.corruptPdf("bad")), Rejection.CORRUPT, 422, "PDF");
        assertRejected(inspect("%PDF-1.4\n%%EOF".getBytes(StandardCharsets.US_ASCII)), Rejection.CORRUPT, 422,
                "PDF");
    }

    @Test
    void rejectsGiantPdfPageBeforeAnyoneRendersIt() {
        assertRejected(inspect(TestDocuments.giantPagePdf("giant")), Rejection.BOMB, 422, "megapixels at 300 DPI");
    }

    @Test
    void rejectsImageBombFromItsHeader() {
        Verdict v = inspect(TestDocuments.pngDeclaring(100_000, 100_000, "bomb"));
        assertRejected(v, Rejection.BOMB, 422, "100000 x 100000");
        // just under the limit passes the header check (the bytes are a real 32x32 image)
        assertThat(inspect(TestDocuments.pngDeclaring(6000, 6000, "fine")).accepted()).isTrue();
    }

    @Test
    void rejectsTruncatedImages() {
        assertRejected(inspect(TestDocuments.truncatedPng("cut")), Rejection.CORRUPT, 422, "truncated");
        byte[] jpeg = TestDocuments.jpeg(64, 64, "cut");
        assertRejected(inspect(Arrays.copyOf(jpeg, jpeg.length / 2)), Rejection.CORRUPT, 422, "truncated");
        byte[] tiffHeaderOnly = {'I', 'I', 0x2A, 0, 8, 0, 0, 0};
        assertRejected(inspect(tiffHeaderOnly), Rejection.CORRUPT, 422, "TIFF");
    }

    @Test
    void rejectsUnsupportedTypesSayingWhatTheyAre() {
        assertRejected(inspect(TestDocuments.zip("z")), Rejection.UNSUPPORTED, 415, "ZIP archive");
        assertRejected(inspect(TestDocuments.html("h")), Rejection.UNSUPPORTED, 415, "HTML page");
        assertRejected(inspect("just text".getBytes(StandardCharsets.UTF_8)), Rejection.UNSUPPORTED, 415,
                "accepted are PDF, PNG, JPEG and TIFF");
    }

    private static void assertRejected(Verdict v, Rejection rejection, int status, String reasonPart) {
        assertThat(v.accepted()).as(v.toString()).isFalse();
        assertThat(v.rejection()).as(v.toString()).isEqualTo(rejection);
        assertThat(v.rejection().status).isEqualTo(status);
        assertThat(v.reason()).contains(reasonPart);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
