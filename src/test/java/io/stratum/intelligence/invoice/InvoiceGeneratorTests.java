package io.stratum.intelligence.invoice;

import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.invoice.synthetic.InvoiceGenerator;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic invoices, the candidate features and the shape parsers; no model involved. */
class InvoiceGeneratorTests {

    @Test
    void sameSeedSameInvoiceAndTheTruthIsOnThePage() {
        InvoiceGenerator.Generated a = new InvoiceGenerator(11).next();
        InvoiceGenerator.Generated b = new InvoiceGenerator(11).next();
        assertThat(a.truth()).isEqualTo(b.truth());
        InvoiceFields t = a.truth();
        assertThat(t.netAmount().add(t.taxAmount())).isEqualByComparingTo(t.total());
        assertThat(t.lines().stream().map(InvoiceFields.LineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(t.netAmount());
        DocumentLayout layout = InvoiceModelTrainer.read(a.pdf());
        assertThat(layout.text()).contains(t.invoiceNumber());
        assertThat(a.marks()).extracting(InvoiceGenerator.Mark::field)
                .contains("invoiceNumber", "issueDate", "total", "netAmount", "taxAmount", "sellerName");
    }

    @Test
    void aRepeatInvoiceComesFromTheSameSellerAndBankAccount() {
        InvoiceGenerator g = new InvoiceGenerator(5);
        InvoiceFields first = g.next().truth();
        InvoiceGenerator.Generated repeat = g.nextFrom(first);
        assertThat(repeat.truth().sellerName()).isEqualTo(first.sellerName());
        assertThat(repeat.truth().sellerVatId()).isEqualTo(first.sellerVatId());
        assertThat(repeat.truth().sellerIban()).isEqualTo(first.sellerIban());
        assertThat(repeat.truth().invoiceNumber()).isNotEqualTo(first.invoiceNumber());
        // The IBAN is printed on the page (spaced in groups of four or not)
        assertThat(repeat.marks()).anyMatch(m -> m.text().replace(" ", "").contains(first.sellerIban()));
    }

    @Test
    void layoutsLanguagesAndFormatsVary() {
        InvoiceGenerator g = new InvoiceGenerator(3);
        Set<String> firstLines = new HashSet<>();
        Set<Integer> pages = new HashSet<>();
        boolean german = false, english = false;
        for (int i = 0; i < 30; i++) {
            InvoiceGenerator.Generated x = g.next();
            DocumentLayout layout = InvoiceModelTrainer.read(x.pdf());
            firstLines.add(layout.lines().get(0).text());
            pages.add(layout.pages().size());
            german |= layout.text().contains("Rechnung");
            english |= layout.text().contains("nvoice");
        }
        assertThat(firstLines).hasSizeGreaterThan(20);
        assertThat(pages).contains(1, 2);
        assertThat(german && english).isTrue();
    }

    @Test
    void everyCandidateKindIsLabelledFromTheDrawnBoxes() {
        InvoiceGenerator g = new InvoiceGenerator(5);
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            InvoiceGenerator.Generated x = g.next();
            for (Candidates.Candidate c : Candidates.of(InvoiceModelTrainer.read(x.pdf()))) {
                labels.add(InvoiceModelTrainer.label(c, x.marks()));
            }
        }
        assertThat(labels).contains("none", "invoiceNumber", "issueDate", "netAmount", "taxAmount", "total",
                "sellerName", "buyerName", "purchaseOrderRef");
    }

    @Test
    void scansAreSkewedNoisyImages() throws Exception {
        byte[] png = InvoiceGenerator.scan(new InvoiceGenerator(1).next().pdf(), 100, 1.5, 0.001, 1);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isBetween(820, 830); // A4 at 100 dpi
        assertThat(img.getHeight()).isGreaterThan(img.getWidth());
    }

    @Test
    void ocrNoiseConfusesLettersButKeepsValues() {
        DocumentLayout clean = InvoiceModelTrainer.read(new InvoiceGenerator(2).next().pdf());
        DocumentLayout noisy = InvoiceModelTrainer.ocrNoise(clean, new Random(1));
        assertThat(noisy.text()).isNotEqualTo(clean.text());
        assertThat(noisy.lines()).hasSameSizeAs(clean.lines());
        List<String> cleanNumbers = clean.lines().stream().flatMap(l -> l.words().stream()).map(w -> w.text())
                .filter(w -> w.chars().anyMatch(Character::isDigit)).toList();
        // a label may be glued to its value ("Nr.123"), the value itself stays as drawn
        List<String> noisyNumbers = noisy.lines().stream().flatMap(l -> l.words().stream()).map(w -> w.text())
                .filter(w -> w.chars().anyMatch(Character::isDigit)).map(w -> w.replaceFirst("^\\p{L}{1,8}[.:]", ""))
                .toList();
        assertThat(noisyNumbers).isEqualTo(cleanNumbers);
    }

    @Test
    void parsesAmountsAndDatesInTheUsualNotations() {
        assertThat(Candidates.amount("1.234,56")).isEqualByComparingTo("1234.56");
        assertThat(Candidates.amount("1,234.56")).isEqualByComparingTo("1234.56");
        assertThat(Candidates.amount("€12,00")).isEqualByComparingTo("12.00");
        assertThat(Candidates.amount("-0,59")).isEqualByComparingTo("-0.59");
        assertThat(Candidates.amount("1.234")).isNull();
        assertThat(Candidates.amount("471102")).isNull();
        assertThat(Candidates.date("05.03.2018")).isEqualTo(LocalDate.of(2018, 3, 5));
        assertThat(Candidates.date("2018-03-05")).isEqualTo(LocalDate.of(2018, 3, 5));
        assertThat(Candidates.date("5 March 2018")).isEqualTo(LocalDate.of(2018, 3, 5));
        assertThat(Candidates.date("5. März 2018")).isEqualTo(LocalDate.of(2018, 3, 5));
        assertThat(Candidates.date("March 5, 2018")).isEqualTo(LocalDate.of(2018, 3, 5));
        assertThat(Candidates.date("31.02.2018")).isNull();
        // slash dates are day first unless that is impossible: then US, month first
        assertThat(Candidates.date("04/05/2018")).isEqualTo(LocalDate.of(2018, 5, 4));
        assertThat(Candidates.date("04/21/2018")).isEqualTo(LocalDate.of(2018, 4, 21));
        assertThat(Candidates.shape("RE-2024/01")).isEqualTo("aahnnnnsnn");
        assertThat(Candidates.norm("Rechnungs-Nr.:")).isEqualTo("rechnungsnr");
        assertThat(FieldReader.validIban("DE89370400440532013000")).isTrue();
        assertThat(FieldReader.validIban("DE89370400440532013001")).isFalse();
    }
}
