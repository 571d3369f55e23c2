package io.stratum.intelligence.invoice;

import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.invoice.synthetic.InvoiceGenerator;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layout readings without a model: tables with amounts on the row below, OCR'd tables, two-line names, glued labels.
 */
class InvoiceLayoutTests {

    private static final float H = PDRectangle.A4.getHeight();

    @Test
    void lineAmountsPrintedOnTheRowBelowTheDescription() {
        DocumentLayout layout = pdf(
                new Text(70, 100, 9, "Pos"), new Text(190, 100, 9, "Beschreibung"), new Text(340, 100, 9, "Preis"),
                new Text(400, 100, 9, "Menge"), new Text(494, 100, 9, "Betrag"),
                // item 1: number, description, price and quantity; its amount and an article number beneath
                new Text(70, 125, 9, "1"), new Text(190, 125, 9, "Dichtungsring 40mm"),
                new Text(345, 125, 9, "2,5000"), new Text(405, 125, 9, "12"),
                new Text(120, 134, 9, "4001234567890"), new Text(500, 134, 9, "30,00"),
                new Text(190, 150, 9, "Bruttopreis: 2,9750"),
                // a note row without a quantity, then item 2 whose amount is again one row down
                new Text(190, 180, 9, "Hinweis: Lieferung in zwei Teilen"),
                new Text(70, 195, 9, "2"), new Text(190, 195, 9, "Montage vor Ort"),
                new Text(345, 195, 9, "80,0000"), new Text(408, 195, 9, "1,5"),
                new Text(495, 204, 9, "120,00"),
                // the next section, in a larger font, with right-aligned amounts that are not items
                new Text(65, 260, 13, "Steueraufstellung"),
                new Text(70, 285, 9, "Umsatzsteuer 19"), new Text(500, 285, 9, "28,50"));
        List<InvoiceFields.LineItem> items = LineItems.read(layout);
        assertThat(items).hasSize(2);
        assertThat(items.get(0).description()).isEqualTo("Dichtungsring 40mm");
        assertThat(items.get(0).quantity()).isEqualByComparingTo("12");
        assertThat(items.get(0).unitPrice()).isEqualByComparingTo("2.5");
        assertThat(items.get(0).amount()).isEqualByComparingTo("30.00");
        assertThat(items.get(1).description()).isEqualTo("Montage vor Ort");
        assertThat(items.get(1).quantity()).isEqualByComparingTo("1.5");
        assertThat(items.get(1).amount()).isEqualByComparingTo("120.00");
    }

    @Test
    void classicTablesStillEndAtTheTotals() {
        DocumentLayout layout = pdf(
                new Text(60, 100, 9, "Description"), new Text(330, 100, 9, "Qty"), new Text(420, 100, 9, "Price"),
                new Text(510, 100, 9, "Amount"),
                new Text(60, 118, 9, "Support contract"), new Text(335, 118, 9, "3"), new Text(420, 118, 9, "10.00"),
                new Text(515, 118, 9, "30.00"),
                new Text(60, 131, 9, "Spare part"), new Text(335, 131, 9, "1"), new Text(420, 131, 9, "5.50"),
                new Text(520, 131, 9, "5.50"),
                new Text(400, 160, 9, "Subtotal"), new Text(515, 160, 9, "35.50"));
        List<InvoiceFields.LineItem> items = LineItems.read(layout);
        assertThat(items).extracting(InvoiceFields.LineItem::description)
                .containsExactly("Support contract", "Spare part");
    }

    @Test
    void ocrTablesSurviveASplitAmountSpecksAndATotalsBlockWithoutATotalsWord() {
        // As Tesseract reads a scan: the decimal comma of one amount lost ("3.928 10"), a speck after another, and
        // the totals block labelled "Sum of lines"; OCR line heights vary more than a text layer's
        DocumentLayout layout = ocr(
                row(270, 7, w(54, "Description"), w(306, "Qty"), w(398, "Price"), w(492, "Amount")),
                row(295, 8, w(54, "Miete"), w(78, "Lagerfläche"), w(323, "9"), w(422, "5,01"), w(520, "45,09")),
                row(308, 11, w(54, "Kabel"), w(79, "NYM"), w(305, "11,00"), w(412, "357,10"), w(508, "3.928"),
                        w(531, "10")),
                row(321, 8, w(54, "Toner"), w(305, "2"), w(412, "1,50"), w(520, "3,00"), w(545, "|")),
                row(349, 8, w(300, "Sum"), w(318, "of"), w(330, "lines"), w(505, "3.976,19")));
        List<InvoiceFields.LineItem> items = LineItems.read(layout);
        assertThat(items).extracting(InvoiceFields.LineItem::amount).containsExactly(new java.math.BigDecimal(
                "45.09"), new java.math.BigDecimal("3928.10"), new java.math.BigDecimal("3.00"));
        assertThat(items.get(1).description()).isEqualTo("Kabel NYM");
    }

    @Test
    void aQuantityColumnOcrLostIsTakenFromPriceAndAmount() {
        // Tesseract dropped the whole quantity column with its heading: the unit price column marks the rows
        DocumentLayout layout = ocr(
                row(262, 8, w(46, "Bezeichnung"), w(399, "Stückpreis"), w(495, "Gesamtpreis")),
                row(281, 8, w(46, "Montage"), w(428, "3,93"), w(527, "11,79")),
                row(294, 8, w(46, "Beratung"), w(418, "844,25"), w(510, "1.266,38")),
                row(386, 8, w(361, "Nettosumme"), w(504, "1.278,17")));
        List<InvoiceFields.LineItem> items = LineItems.read(layout);
        assertThat(items).hasSize(2);
        assertThat(items.get(0).quantity()).isEqualByComparingTo("3");
        assertThat(items.get(0).description()).isEqualTo("Montage");
        assertThat(items.get(1).quantity()).isEqualByComparingTo("1.5");
        assertThat(items.get(1).unitPrice()).isEqualByComparingTo("844.25");
    }

    private record OcrWord(double x, String text) {
    }

    private static OcrWord w(double x, String text) {
        return new OcrWord(x, text);
    }

    private static io.stratum.intelligence.document.TextLine row(double y, double height, OcrWord... words) {
        List<io.stratum.intelligence.document.TextLine.Word> out = new java.util.ArrayList<>();
        for (OcrWord w : words) {
            out.add(new io.stratum.intelligence.document.TextLine.Word(w.text(), w.x(), y, 4.5 * w.text().length(),
                    height));
        }
        return io.stratum.intelligence.document.PdfTextLayer.line(out, 0.8);
    }

    private static DocumentLayout ocr(io.stratum.intelligence.document.TextLine... lines) {
        return new DocumentLayout(List.of(new io.stratum.intelligence.document.PageLayout(1, 595, 842,
                io.stratum.intelligence.document.PageLayout.Source.OCR, List.of(lines))), null);
    }

    @Test
    void aNameOverTwoLinesIsOneCandidateBesideItsParts() {
        DocumentLayout layout = pdf(
                new Text(70, 160, 10, "Verkäufer"),
                new Text(261, 200, 10, "Nordlicht Gegenseitigkeit"),
                new Text(70, 212, 10, "Name:"), new Text(261, 212, 10, "Rückversicherung Kiel a.G."),
                new Text(70, 242, 10, "Anschrift:"), new Text(261, 242, 10, "Hafenweg 3"));
        List<Candidates.Candidate> names = Candidates.of(layout).stream()
                .filter(c -> c.kind() == Candidates.Kind.NAME).toList();
        Candidates.Candidate both = names.stream()
                .filter(c -> c.text().equals("Nordlicht Gegenseitigkeit Rückversicherung Kiel a.G.")).findFirst()
                .orElseThrow();
        assertThat(both.features()).contains("nlines2", "lname", "hverkaufer");
        assertThat(names).extracting(Candidates.Candidate::text).contains("Nordlicht Gegenseitigkeit",
                "Rückversicherung Kiel a.G.");
        // fields 30 pt apart are separate lines, not one name
        assertThat(names).extracting(Candidates.Candidate::text)
                .noneMatch(t -> t.contains("Kiel a.G. Hafenweg"));
    }

    @Test
    void aLabelGluedToItsValueIsReadApart() {
        DocumentLayout layout = pdf(new Text(60, 80, 12, "Rechnung Nr.2024/0815"),
                new Text(60, 100, 9, "Summe:1.234,50"));
        List<Candidates.Candidate> all = Candidates.of(layout);
        Candidates.Candidate id = all.stream().filter(c -> c.kind() == Candidates.Kind.ID).findFirst().orElseThrow();
        assertThat(id.text()).isEqualTo("2024/0815");
        assertThat(id.features()).contains("lnr", "lrechnung");
        assertThat(all).filteredOn(c -> c.kind() == Candidates.Kind.AMOUNT).extracting(Candidates.Candidate::text)
                .containsExactly("1.234,50");
    }

    @Test
    void generatedTwoLineNamesAndRowBelowTablesAreLabelledAndRead() {
        InvoiceGenerator g = new InvoiceGenerator(17);
        int twoLine = 0, labelled = 0, invoices = 80, linesRight = 0;
        for (int i = 0; i < invoices; i++) {
            InvoiceGenerator.Generated x = g.next();
            DocumentLayout layout = InvoiceModelTrainer.read(x.pdf());
            if (LineItems.read(layout).size() == x.truth().lines().size()) {
                linesRight++;
            }
            boolean drawnOverTwoLines = x.marks().stream()
                    .anyMatch(m -> m.field().equals("sellerName") && m.height() > 20);
            if (drawnOverTwoLines) {
                twoLine++;
                if (Candidates.of(layout).stream().anyMatch(c -> c.features().contains("nlines2")
                        && InvoiceModelTrainer.label(c, x.marks()).equals("sellerName"))) {
                    labelled++;
                }
            }
        }
        assertThat(twoLine).isGreaterThan(0);
        assertThat(labelled).isEqualTo(twoLine);
        assertThat(linesRight).isGreaterThanOrEqualTo(invoices * 8 / 10);
    }

    @Test
    void ocrNoiseSometimesGluesALabelToItsValue() {
        DocumentLayout clean = pdf(new Text(60, 80, 10, "Nr. 4711"), new Text(60, 100, 10, "No: 0815"),
                new Text(60, 120, 10, "Datum: 01.02.2024"));
        boolean glued = false;
        for (int seed = 0; seed < 20 && !glued; seed++) {
            glued = InvoiceModelTrainer.ocrNoise(clean, new Random(seed)).text().matches("(?s).*\\p{L}[.:]\\d.*");
        }
        assertThat(glued).isTrue();
    }

    private record Text(float x, float y, float size, String text) {
    }

    /** A one-page PDF with the texts at their positions (y from the top), read back through the text layer. */
    private static DocumentLayout pdf(Text... texts) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
                for (Text t : texts) {
                    out.beginText();
                    out.setFont(font, t.size());
                    out.newLineAtOffset(t.x(), H - t.y() - t.size() * 0.8f);
                    out.showText(t.text());
                    out.endText();
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return InvoiceModelTrainer.read(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
