package io.stratum.intelligence.document;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The document reader against real Tesseract, on pages generated here (and the ZUGFeRD corpus when present). */
class OcrDocumentReaderTests {

    /** From the project root; a git worktree under /work/wt/NAME sits one level deeper. */
    private static final Path ZUGFERD = Stream.of("../shared/datasets/zugferd", "../../shared/datasets/zugferd")
            .map(Path::of).filter(Files::isDirectory).findFirst().orElse(Path.of("../shared/datasets/zugferd"));

    private static SimpleMeterRegistry registry;
    private static OcrPool pool;
    private static OcrDocumentReader reader;

    @BeforeAll
    static void start() {
        registry = new SimpleMeterRegistry();
        pool = new OcrPool(DocumentSettings.defaults(), registry);
        reader = new OcrDocumentReader(DocumentSettings.defaults(), pool, registry);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void aPdfPageWithTextIsReadFromItsTextLayerAndAnImageOnlyPageIsOcrd() throws IOException {
        ScanFixtures.Invoice scanned = ScanFixtures.invoice(2);
        byte[] pdf;
        try (PDDocument document = new PDDocument()) {
            PDPage first = new PDPage(PDRectangle.A4);
            document.addPage(first);
            try (PDPageContentStream content = new PDPageContentStream(document, first)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(60, 780);
                content.showText("Invoice number INV-2025-31337  Total EUR 1,469.06");
                content.endText();
            }
            PDPage second = new PDPage(PDRectangle.A4);
            document.addPage(second);
            PDImageXObject image = LosslessFactory.createFromImage(document, ScanFixtures.page(scanned, 300));
            try (PDPageContentStream content = new PDPageContentStream(document, second)) {
                content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                // A scanner's stamp on the text layer: too little text to stand for the page, so it is OCR'd.
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 9);
                content.newLineAtOffset(60, 20);
                content.showText("Scanned 2025-11-26 by Scanner 7");
                content.endText();
            }
            pdf = save(document);
        }
        double textPagesBefore = pages("text_layer"), ocrPagesBefore = pages("ocr");
        long ocrTimingsBefore = registry.get("stratum.ocr.page").timer().count();

        DocumentLayout layout = reader.read(pdf, "application/pdf");

        assertThat(layout.pages()).extracting(PageLayout::source)
                .containsExactly(PageLayout.Source.TEXT_LAYER, PageLayout.Source.OCR);
        assertThat(layout.pages().get(0).lines()).extracting(TextLine::text)
                .containsExactly("Invoice number INV-2025-31337 Total EUR 1,469.06");
        PageLayout ocr = layout.pages().get(1);
        assertThat(ocr.width()).isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(1.0));
        String text = String.join("\n", ocr.lines().stream().map(TextLine::text).toList());
        assertThat(text).contains(scanned.number()).contains(scanned.total()).contains("Scanner 7");
        // The row with the number: label and value on one line, at the place they were drawn (points, top-left).
        TextLine numberLine = ocr.lines().stream().filter(l -> l.text().contains(scanned.number())).findFirst()
                .orElseThrow();
        assertThat(numberLine.text()).startsWith("Invoice number:");
        assertThat(numberLine.x()).isBetween(50.0, 62.0);
        assertThat(numberLine.y()).isBetween(155.0, 172.0);
        assertThat(numberLine.confidence()).isBetween(0.8, 1.0);
        assertThat(ocr.lines()).allSatisfy(line -> {
            assertThat(line.confidence()).isBetween(0.0, 1.0);
            assertThat(line.x() + line.width()).isLessThanOrEqualTo(ocr.width());
        });
        assertThat(pages("text_layer") - textPagesBefore).isEqualTo(1);
        assertThat(pages("ocr") - ocrPagesBefore).isEqualTo(1);
        assertThat(registry.get("stratum.ocr.page").timer().count() - ocrTimingsBefore).isEqualTo(1);
    }

    @Test
    void aSkewedNoisyPngScanIsOcrdAtTheResolutionItsMetadataGives() {
        ScanFixtures.Invoice invoice = ScanFixtures.invoice(4);
        BufferedImage scan = ScanFixtures.scan(ScanFixtures.page(invoice, 300), 1.5, 0.002, 4);

        DocumentLayout layout = reader.read(ScanFixtures.png(scan, 300), "image/png");

        assertThat(layout.pages()).singleElement().satisfies(page -> {
            assertThat(page.source()).isEqualTo(PageLayout.Source.OCR);
            assertThat(page.width()).isBetween(594.0, 597.0);
        });
        assertThat(layout.text()).contains(invoice.number()).contains(invoice.total());
        assertThat(layout.embeddedInvoiceXml()).isNull();
        // Despite the skew, each item row stays one line: description ... amount.
        ScanFixtures.Invoice.Line item = invoice.lines().get(invoice.lines().size() - 1);
        String amount = ScanFixtures.money(item.quantity() * item.unitCents(), false);
        assertThat(layout.lines()).anySatisfy(line -> assertThat(line.text())
                .startsWith(item.description().split(" ")[0]).endsWith(amount));
    }

    @Test
    void everyPageOfAMultiPageTiffIsOcrd() {
        ScanFixtures.Invoice first = ScanFixtures.invoice(6), second = ScanFixtures.invoice(7);
        byte[] tiff = ScanFixtures.tiff(List.of(ScanFixtures.scan(ScanFixtures.page(first, 300), -1.0, 0.001, 6),
                ScanFixtures.scan(ScanFixtures.page(second, 300), 2.0, 0.001, 7)), 300);

        DocumentLayout layout = reader.read(tiff, "image/tiff");

        assertThat(layout.pages()).extracting(PageLayout::number).containsExactly(1, 2);
        assertThat(layout.pages()).allSatisfy(page -> assertThat(page.width()).isBetween(594.0, 597.0));
        assertThat(text(layout.pages().get(0))).contains(first.number()).contains(first.total());
        assertThat(text(layout.pages().get(1))).contains(second.number()).contains(second.total());
    }

    @Test
    void twoThreadsOcrConcurrentlyWithoutSharingAnEngine() throws Exception {
        ScanFixtures.Invoice a = ScanFixtures.invoice(10), b = ScanFixtures.invoice(11);
        byte[] pngA = ScanFixtures.png(ScanFixtures.page(a, 300), 300);
        byte[] pngB = ScanFixtures.png(ScanFixtures.page(b, 300), 300);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<DocumentLayout> readA = CompletableFuture.supplyAsync(() -> reader.read(pngA, "image/png"),
                    callers);
            CompletableFuture<DocumentLayout> readB = CompletableFuture.supplyAsync(() -> reader.read(pngB, null),
                    callers);
            assertThat(readA.get().text()).contains(a.number()).contains(a.total());
            assertThat(readB.get().text()).contains(b.number()).contains(b.total());
        } finally {
            callers.shutdown();
        }
    }

    @Test
    void theEmbeddedInvoiceXmlOfEveryZugferdPdfIsHandedOnUnlessSwitchedOff() throws IOException {
        Path pdfs = ZUGFERD.resolve("FX");
        assumeTrue(Files.isDirectory(pdfs), "evaluation dataset not on this machine");
        OcrDocumentReader withoutXml = new OcrDocumentReader(DocumentSettings.defaults().withReadEmbeddedXml(false),
                pool, registry);
        List<Path> files;
        try (Stream<Path> list = Files.list(pdfs)) {
            files = list.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            byte[] pdf = Files.readAllBytes(file);
            String name = file.getFileName().toString().replace(".pdf", "");
            byte[] expected = Files.readAllBytes(ZUGFERD.resolve("embedded_xml/" + name + ".embedded.xml"));

            DocumentLayout layout = reader.read(pdf, "application/pdf");

            assertThat(layout.embeddedInvoiceXml()).as(name).isEqualTo(expected);
            assertThat(layout.pages()).as(name).allSatisfy(
                    page -> assertThat(page.source()).isEqualTo(PageLayout.Source.TEXT_LAYER));
        }
        assertThat(withoutXml.read(Files.readAllBytes(files.get(0)), "application/pdf").embeddedInvoiceXml()).isNull();
    }

    @Test
    void filesThatCannotBeReadSayWhy() throws IOException {
        byte[] encrypted;
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage(PDRectangle.A4));
            document.protect(new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission()));
            encrypted = save(document);
        }
        byte[] noPages;
        try (PDDocument document = new PDDocument()) {
            noPages = save(document);
        }
        byte[] png = ScanFixtures.png(ScanFixtures.page(ScanFixtures.invoice(1), 100), 100);

        assertThatThrownBy(() -> reader.read(encrypted, "application/pdf"))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> reader.read("%PDF-1.7\nthis is no pdf at all".getBytes(), "application/pdf"))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> reader.read(noPages, "application/pdf"))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("no pages");
        assertThatThrownBy(() -> reader.read(new byte[0], "application/pdf"))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> reader.read(Arrays.copyOf(png, png.length / 3), "image/png"))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("cannot be decoded");
        assertThatThrownBy(() -> reader.read("plain words".getBytes(), "image/jpeg"))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("not an image");
        assertThatThrownBy(() -> reader.read("plain words".getBytes(), "text/plain"))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("Unsupported file type");
    }

    private static String text(PageLayout page) {
        return String.join("\n", page.lines().stream().map(TextLine::text).toList());
    }

    private static double pages(String source) {
        return registry.get("stratum.document.pages").tag("source", source).counter().count();
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        document.save(bytes);
        return bytes.toByteArray();
    }
}
