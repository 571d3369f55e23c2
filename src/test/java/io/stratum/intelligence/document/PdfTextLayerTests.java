package io.stratum.intelligence.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PdfTextLayerTests {

    @Test
    void wordsDrawnOutOfOrderComeBackAsLinesInReadingOrder() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                // The right column first, then the lower line, then the left column: content order != reading order.
                text(content, font, 400, 780, "471102");
                text(content, font, 60, 740, "Total EUR 197,65");
                text(content, font, 60, 780, "Invoice number");
                content.close();
            }
            document.addPage(new PDPage(PDRectangle.A4));

            List<PageLayout> pages = PdfTextLayer.read(document);

            assertThat(pages).hasSize(2);
            PageLayout first = pages.get(0);
            assertThat(first.width()).isEqualTo(PDRectangle.A4.getWidth());
            assertThat(first.lines()).extracting(TextLine::text)
                    .containsExactly("Invoice number 471102", "Total EUR 197,65");
            TextLine top = first.lines().get(0);
            assertThat(top.words()).extracting(TextLine.Word::text).containsExactly("Invoice", "number", "471102");
            assertThat(top.words().get(2).x()).isBetween(399.0, 401.0);
            // Top-left origin: the line drawn at baseline 780 from the bottom sits ~62 pt from the top.
            assertThat(top.y()).isBetween(50.0, 62.0);
            assertThat(pages.get(1).lines()).isEmpty();
        }
    }

    @Test
    void zugferdInvoicesKeepTheirNumberAndTotalOnTheTextLayer() throws IOException {
        Path pdf = Path.of("../shared/datasets/zugferd/FX/EN16931_Einfach.pdf");
        assumeTrue(Files.exists(pdf), "evaluation dataset not on this machine");
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new DocumentLayout(PdfTextLayer.read(document), null).text();
            assertThat(text).contains("471102").contains("529,87");
        }
    }

    private static void text(PDPageContentStream content, PDType1Font font, float x, float y, String text)
            throws IOException {
        content.beginText();
        content.setFont(font, 11);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }
}
