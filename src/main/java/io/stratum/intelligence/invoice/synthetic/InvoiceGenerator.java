package io.stratum.intelligence.invoice.synthetic;

import io.stratum.intelligence.invoice.InvoiceFields;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The project's own invoice training data: random but plausible invoices in many layouts (where the seller's
 * header sits, label beside or above its value, two-column address blocks, table and totals variants), German and
 * English labels, number/date formats, currencies and the Standard-14 fonts, rendered to PDF with PDFBox. Each comes
 * with its truth: the field values and the boxes where each was drawn (top-left page coordinates, like
 * {@code PdfTextLayer}), so training can label what it reads back from the PDF. Same seed, same invoice.
 */
public final class InvoiceGenerator {

    /** Bumped whenever the output for a seed changes (part of the bootstrap cache key). */
    public static final int VERSION = 5;

    private static final float W = PDRectangle.A4.getWidth();
    private static final float H = PDRectangle.A4.getHeight();

    /** Where a field's value was drawn. */
    public record Mark(String field, String text, int page, double x, double y, double width, double height) {
    }

    /** A generated invoice: the PDF, the truth and where each true value sits on page 1. */
    public record Generated(byte[] pdf, InvoiceFields truth, List<Mark> marks) {
    }

    private final Random r;
    /**
     * Draws for the layout families added in version 5, apart from {@link #r} so that the invoices earlier versions
     * drew (and the models trained on them) stay as they were wherever the new families are not chosen.
     */
    private final Random v5;
    private boolean german;
    private Fmt fmt;
    private final List<Mark> marks = new ArrayList<>();
    private PDPageContentStream out;
    private PDDocument document;
    private int pageNumber;
    /** Whether this invoice's footer names the bank details; otherwise a payment block after the terms does. */
    private boolean bankInFooter;

    public InvoiceGenerator(long seed) {
        this.r = new Random(seed);
        this.v5 = new Random(seed ^ 0x5A5A_0005L);
    }

    /** The next invoice of this generator's sequence. */
    public Generated next() {
        return next(null);
    }

    /**
     * The next invoice of this generator's sequence, but from the seller of an earlier invoice: same seller name, VAT
     * id and IBAN (a seller's repeat business, e.g. for benchmarks where trust in bank details must come first).
     */
    public Generated nextFrom(InvoiceFields seller) {
        return next(seller);
    }

    private Generated next(InvoiceFields seller) {
        marks.clear();
        german = r.nextDouble() < 0.6;
        fmt = new Fmt(r, german);
        Data d = data();
        if (seller != null) {
            d = d.from(seller);
        }
        try (PDDocument doc = new PDDocument()) {
            document = doc;
            pageNumber = 0;
            bankInFooter = false;
            newPage();
            try {
                draw(d);
            } finally {
                out.close();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return new Generated(bytes.toByteArray(), d.truth(), List.copyOf(marks));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renders page 1 of a PDF as a grey "scan": given resolution, a slight rotation and speckle noise, PNG-encoded.
     * For tests and the benchmark of the OCR path; training reads the text layer with OCR-like noise instead.
     */
    public static byte[] scan(byte[] pdf, int dpi, double skewDegrees, double noise, long seed) {
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.GRAY);
            BufferedImage img = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.rotate(Math.toRadians(skewDegrees), img.getWidth() / 2.0, img.getHeight() / 2.0);
            g.drawImage(page, 0, 0, null);
            g.dispose();
            Random random = new Random(seed);
            int speckles = (int) (noise * img.getWidth() * img.getHeight());
            for (int i = 0; i < speckles; i++) {
                int gray = random.nextBoolean() ? 0x20 : 0xE0;
                img.setRGB(random.nextInt(img.getWidth()), random.nextInt(img.getHeight()),
                        new Color(gray, gray, gray).getRGB());
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(img, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- data

    private record Item(String description, BigDecimal quantity, BigDecimal price, BigDecimal amount) {
    }

    private record Data(String number, LocalDate issued, LocalDate due, LocalDate delivered, String seller,
                        String[] sellerAddress, String sellerVat, String iban, String buyer, String[] buyerAddress,
                        String buyerVat, String po, String customerNo, String currency, List<Item> items,
                        BigDecimal rate, BigDecimal net, BigDecimal tax, BigDecimal total,
                        InvoiceFields.Discount discount, int payDays) {

        InvoiceFields truth() {
            return new InvoiceFields(number, issued, due, seller, sellerVat, iban, buyer, po, currency, net, tax,
                    total, null, discount,
                    items.stream().map(i -> new InvoiceFields.LineItem(i.description, i.quantity, i.price, i.amount))
                            .toList(),
                    Map.of(), "generator");
        }

        /** This invoice issued by another invoice's seller (name, VAT id, IBAN; the address stays drawn). */
        Data from(InvoiceFields s) {
            return new Data(number, issued, due, delivered, s.sellerName(), sellerAddress, s.sellerVatId(),
                    s.sellerIban(), buyer, buyerAddress, buyerVat, po, customerNo, currency, items, rate, net, tax,
                    total, discount, payDays);
        }
    }

    private Data data() {
        LocalDate issued = LocalDate.of(2015, 1, 1).plusDays(r.nextInt(4500));
        int payDays = pickInt(7, 10, 14, 14, 30, 30, 30, 45, 60);
        LocalDate due = r.nextDouble() < 0.5 ? issued.plusDays(payDays) : null;
        LocalDate delivered = issued.minusDays(r.nextInt(20));
        String seller = Names.company(r);
        String buyer = r.nextDouble() < 0.15 ? Names.person(r) : Names.company(r);
        String currency = r.nextDouble() < 0.65 ? "EUR" : pick("USD", "GBP", "CHF", "EUR", "SEK", "PLN");
        List<Item> items = new ArrayList<>();
        boolean credit = r.nextDouble() < 0.08; // a credit note or correction: every amount negative
        int n = 1 + r.nextInt(r.nextDouble() < 0.7 ? 5 : 12);
        for (int i = 0; i < n; i++) {
            BigDecimal qty = BigDecimal.valueOf(r.nextDouble() < 0.7 ? 1 + r.nextInt(20) : 1 + r.nextInt(400) / 4.0)
                    .setScale(r.nextDouble() < 0.7 ? 0 : 2, RoundingMode.HALF_UP);
            double magnitude = Math.pow(10, r.nextDouble() * 3.6 - 0.5);
            BigDecimal price = BigDecimal.valueOf(magnitude).setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("0.10"));
            price = credit ? price.negate() : price;
            items.add(new Item(Names.article(r, german), qty, price, qty.multiply(price).setScale(2, RoundingMode.HALF_UP)));
        }
        BigDecimal net = items.stream().map(Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal rate = new BigDecimal(pick("19", "19", "19", "7", "20", "16", "21", "10", "0"));
        BigDecimal tax = net.multiply(rate).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        InvoiceFields.Discount discount = r.nextDouble() < 0.3 && !credit
                ? new InvoiceFields.Discount(new BigDecimal(pick("2", "3", "1.5", "2")), pickInt(7, 8, 10, 14)) : null;
        return new Data(Ids.invoiceNumber(r, issued), issued, due, delivered, seller, Names.address(r, german),
                Ids.vat(r), Ids.iban(r), buyer, Names.address(r, german), r.nextDouble() < 0.2 ? Ids.vat(r) : null,
                r.nextDouble() < 0.45 ? Ids.orderNumber(r, issued) : null,
                r.nextDouble() < 0.5 ? Ids.customerNumber(r) : null, currency, items, rate, net, tax, net.add(tax),
                discount, payDays);
    }

    // ---------------------------------------------------------------- drawing

    private void draw(Data d) throws IOException {
        PDType1Font regular = font(pickInt(0, 0, 0, 1, 2));
        PDType1Font bold = bold(regular);
        float margin = 40 + r.nextInt(30);
        float right = W - margin;
        if (r.nextDouble() < 0.3) {
            drawForm(d, regular, bold, margin, right);
            return;
        }

        // Seller header: left, right or centred; sometimes only a small sender line and the footer name it.
        int headerStyle = r.nextInt(4);
        float y = 50 + r.nextInt(25);
        if (headerStyle < 3) {
            float size = 13 + r.nextInt(8);
            float x = headerStyle == 0 ? margin : headerStyle == 1 ? right - width(bold, size, d.seller) :
                    (W - width(bold, size, d.seller)) / 2;
            text(bold, size, x, y, d.seller, "sellerName");
            y += size + 4;
            if (r.nextBoolean()) {
                float small = 8 + r.nextInt(2);
                String addr = String.join(sep(), d.sellerAddress);
                float ax = headerStyle == 0 ? margin : headerStyle == 1 ? right - width(regular, small, addr)
                        : (W - width(regular, small, addr)) / 2;
                text(regular, small, ax, y, addr, null);
                y += small + 3;
            }
        }

        // Address window: a sender line (DIN 5008), then the buyer; maybe a "bill to" label.
        float addrY = Math.max(y + 30, 130 + r.nextInt(30));
        float small = 7 + r.nextInt(2);
        if (r.nextDouble() < 0.6) {
            String sender = d.seller + sep() + d.sellerAddress[0] + sep() + d.sellerAddress[1];
            text(regular, small, margin, addrY, d.seller, "sellerName", sender);
            addrY += small + 8;
        }
        if (r.nextDouble() < 0.35) {
            text(bold, 9, margin, addrY, german ? pick("Rechnungsempfänger", "Rechnung an", "Kunde", "An")
                    : pick("Bill to", "Invoice to", "Customer", "Sold to"), null);
            addrY += 13;
        }
        float size = 9 + r.nextInt(3);
        text(regular, size, margin, addrY, d.buyer, "buyerName");
        for (String line : d.buyerAddress) {
            addrY += size + 3;
            text(regular, size, margin, addrY, line, null);
        }

        // Seller contact block to the right of the address window (two columns on the same baselines).
        float blockY = Math.max(y + 30, 130 + r.nextInt(30));
        boolean metaRight = r.nextDouble() < 0.55;
        float colX = 330 + r.nextInt(40);
        if (!metaRight && r.nextDouble() < 0.5) {
            float by = blockY;
            if (headerStyle == 3 || r.nextBoolean()) {
                text(bold, 10, colX, by, d.seller, "sellerName");
                by += 13;
            }
            for (String line : d.sellerAddress) {
                text(regular, 9, colX, by, line, null);
                by += 12;
            }
            if (r.nextBoolean()) {
                text(regular, 9, colX, by, (german ? pick("USt-IdNr.: ", "USt-ID: ", "USt.-Id.Nr. ") :
                        pick("VAT ID: ", "VAT no. ", "VAT Reg. No.: ")), null);
                text(regular, 9, colX + 75, by, d.sellerVat, "sellerVatId");
            }
        }

        // Title and document metadata.
        float metaY = Math.max(addrY, blockY) + 35 + r.nextInt(20);
        String kind = d.net.signum() < 0 ? creditKind() : german ? pick("Rechnung", "RECHNUNG", "Rechnung",
                "Handelsrechnung", "Gutschrift", "Rechnungskorrektur", "Teilrechnung", "Schlussrechnung",
                "Abschlagsrechnung", "Mietrechnung", "Rechnung des Versicherers", "Dienstleistungsrechnung")
                : pick("Invoice", "INVOICE", "Tax Invoice", "Credit note", "Commercial invoice", "Final invoice",
                "Corrected invoice");
        if (r.nextDouble() < 0.15) {
            kind = kind + " (" + pick("380", "381", "384", "389", "326", "875") + ")";
        }
        boolean numberInTitle = r.nextDouble() < 0.35;
        boolean dateInTitle = numberInTitle && r.nextBoolean();
        String titleDate = fmt.date(d.issued);
        String title = !numberInTitle ? kind : german
                ? kind + " " + pick("Nr. ", "Nr.", "Nummer ", "") + d.number + (dateInTitle ? " vom " + titleDate : "")
                : kind + " " + pick("No. ", "#", "") + d.number + (dateInTitle ? pick(" dated ", " of ", " - ") + titleDate : "");
        List<String[]> meta = new ArrayList<>(meta(d));
        if (numberInTitle && r.nextDouble() < 0.7) {
            meta.removeIf(m -> "invoiceNumber".equals(m[2]));
        }
        if (dateInTitle && r.nextDouble() < 0.7) {
            meta.removeIf(m -> "issueDate".equals(m[2]));
        }
        if (metaRight) {
            float my = blockY;
            float valueX = colX + 95 + r.nextInt(20);
            boolean stacked = r.nextDouble() < 0.25;
            for (String[] m : meta) {
                text(regular, 9, colX, my, m[0], null);
                if (stacked) {
                    my += 11;
                    text(regular, 9, colX, my, m[1], m[2]);
                } else if (r.nextDouble() < 0.3) {
                    text(regular, 9, right - width(regular, 9, m[1]), my, m[1], m[2]);
                } else {
                    text(regular, 9, valueX, my, m[1], m[2]);
                }
                my += 13;
            }
            metaY = Math.max(metaY, my + 20);
            title(bold, margin, metaY, title, d.number, dateInTitle ? titleDate : null);
            metaY += 30;
        } else {
            title(bold, margin, metaY, title, d.number, dateInTitle ? titleDate : null);
            metaY += 26;
            if (r.nextBoolean()) { // labels in a row, values beneath them
                float x = margin;
                float step = (right - margin) / Math.max(meta.size(), 3);
                for (String[] m : meta) {
                    text(bold, 8, x, metaY, m[0].replace(":", ""), null);
                    text(regular, 9, x, metaY + 12, m[1], m[2]);
                    x += step;
                }
                metaY += 40;
            } else { // "label: value" lines on the left
                float valueX = margin + 110 + r.nextInt(30);
                boolean inline = r.nextBoolean();
                for (String[] m : meta) {
                    if (inline) {
                        text(regular, 10, margin, metaY, m[0] + " " + m[1], m[2], m[1]);
                    } else {
                        text(regular, 10, margin, metaY, m[0], null);
                        text(regular, 10, valueX, metaY, m[1], m[2]);
                    }
                    metaY += 14;
                }
                metaY += 16;
            }
        }
        if (r.nextDouble() < 0.3) {
            text(regular, 10, margin, metaY, german ? pick("Sehr geehrte Damen und Herren,",
                    "vielen Dank für Ihren Auftrag. Wir berechnen Ihnen:") : pick("Dear customer,",
                    "Thank you for your order. We charge you as follows:"), null);
            metaY += 24;
        }

        if (headerStyle == 3 || r.nextDouble() < 0.85) { // else the header is the only place naming the seller
            footer(d, regular, margin, right);
        }
        rest(d, regular, bold, margin, right, metaY);
    }

    /** Table, totals and terms; long invoices continue on further pages. */
    private void rest(Data d, PDType1Font regular, PDType1Font bold, float margin, float right, float y)
            throws IOException {
        if (r.nextDouble() < 0.25 || y > H - 330) {
            newPage();
            y = 60 + r.nextInt(30);
        }
        float tableEnd = table(d, regular, bold, margin, right, y);
        if (r.nextDouble() < 0.2 || tableEnd > H - 260) {
            newPage();
            tableEnd = 60 + r.nextInt(30);
        }
        float ty = totals(d, regular, bold, right, tableEnd + 14);
        ty = terms(d, regular, margin, ty + 18);
        if (!bankInFooter) {
            ty = bankDetails(d, regular, bold, margin, ty + 20);
        }
        if (r.nextDouble() < 0.2 && ty < H - 120) {
            attachments(regular, bold, margin, ty + 24);
        }
    }

    /** Bank details as a section of their own (invoices without a footer). */
    private float bankDetails(Data d, PDType1Font regular, PDType1Font bold, float left, float y) throws IOException {
        text(bold, 11, left - 5, y, german ? pick("Zahlungsart", "Bankverbindung", "Zahlungsinformationen")
                : pick("Payment method", "Bank details", "Payment information"), null);
        y += 18;
        if (r.nextBoolean()) {
            text(regular, 9, left, y, german ? "Zahlung per SEPA Überweisung." : "Payment by SEPA credit transfer.",
                    null);
            y += 14;
        }
        String iban = r.nextBoolean() ? d.iban : d.iban.replaceAll("(.{4})(?!$)", "$1 ");
        text(regular, 9, left, y, "IBAN" + pick(": ", " : ", " ") + iban, "sellerIban", iban);
        y += 14;
        text(regular, 9, left, y, "BIC" + pick(": ", " : ", " ") + Ids.bic(r), null);
        return y + 14;
    }

    /**
     * The list of documents that come with the invoice (file names, types): name-like words after the totals
     * that are no party, as e-invoice visualisers print them.
     */
    private void attachments(PDType1Font regular, PDType1Font bold, float left, float y) throws IOException {
        text(bold, 11, left - 5, y, german ? pick("Rechnungsbegleitende Unterlagen", "Anlagen")
                : pick("Supporting documents", "Attachments"), null);
        y += 18;
        float[] cols = {left, left + 150, left + 330};
        String[] head = german ? new String[]{"Name", "Dateiname", "Art"} : new String[]{"Name", "File name", "Type"};
        for (int c = 0; c < 3; c++) {
            text(regular, 9, cols[c], y, head[c], null);
        }
        y += 14;
        for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) {
            String doc = Names.document(r, german);
            text(regular, 9, cols[0], y, doc, null);
            text(regular, 9, cols[1], y, doc + ".pdf", null);
            text(regular, 9, cols[2], y, "application/pdf", null);
            y += 14;
        }
    }

    /**
     * A form-like layout, as e-invoice visualisers print: the title names type, number and date, then sections
     * per party with "Name:", "Anschrift:", "Nummer:" lines, then positions and totals, often over several pages.
     */
    private void drawForm(Data d, PDType1Font regular, PDType1Font bold, float margin, float right)
            throws IOException {
        float y = 45 + r.nextInt(20);
        String kind = d.net.signum() < 0 ? creditKind() : german ? pick("Rechnung", "Handelsrechnung", "Gutschrift",
                "Rechnungskorrektur", "Teilrechnung", "Mietrechnung", "Rechnung des Versicherers", "Schlussrechnung")
                : pick("Invoice", "Commercial invoice", "Credit note", "Corrected invoice", "Tax invoice");
        if (r.nextBoolean()) {
            kind = kind + " (" + pick("380", "381", "384", "389", "387", "875", "575") + ")";
        }
        String date = fmt.date(d.issued);
        String title = german ? kind + " Nr. " + d.number + " vom " + date
                : kind + pick(" No. ", " ") + d.number + pick(" dated ", " of ") + date;
        title(bold, margin, y, title, d.number, date);
        y += 38;
        float x = margin + 5;
        float valueX = x + 120 + r.nextInt(60);
        List<String[]> head = new ArrayList<>();
        head.add(new String[]{german ? pick("Währung:", "Rechnungswährung:") : pick("Currency:", "Invoice currency:"),
                d.currency, null});
        head.add(new String[]{german ? pick("Liefer- und Leistungsdatum:", "Leistungsdatum:", "Lieferdatum:")
                : pick("Delivery date:", "Date of supply:"), fmt.date(d.delivered), null});
        if (d.po != null) {
            head.add(new String[]{german ? pick("Bestellung:", "Bestellnummer:", "Auftrag:") : pick("Order:",
                    "Purchase order:", "PO:"), d.po, "purchaseOrderRef"});
        }
        if (r.nextBoolean()) {
            head.add(new String[]{german ? "Lieferavis:" : "Despatch advice:", "L" + Ids.customerNumber(r), null});
        }
        if (d.due != null && r.nextBoolean()) {
            head.add(new String[]{german ? "Fälligkeitsdatum:" : "Due date:", fmt.date(d.due), "dueDate"});
        }
        if (r.nextDouble() < 0.3) {
            head.add(1, new String[]{german ? pick("Abrechnungszeitraum:", "Leistungszeitraum:") : pick(
                    "Billing period:", "Service period:"), fmt.date(d.delivered.minusDays(1 + r.nextInt(30)))
                    + (german ? " bis " : " to ") + fmt.date(d.delivered), null});
        }
        if (r.nextDouble() < 0.2) {
            head.add(new String[]{german ? pick("Leitwege-ID:", "Käuferreferenz:") : pick("Routing ID:",
                    "Buyer reference:"), Ids.routing(r), null});
        }
        // Further references: document names or numbers, each maybe with its type on the line beneath.
        for (int i = 0, n = r.nextDouble() < 0.35 ? 1 + r.nextInt(2) : 0; i < n; i++) {
            head.add(new String[]{german ? pick("Weitere Referenz:", "Referenz:", "Bezug:") : pick(
                    "Additional reference:", "Reference:", "Related document:"),
                    r.nextBoolean() ? Names.document(r, german) : Ids.customerNumber(r), null});
            if (r.nextBoolean()) {
                head.add(new String[]{null, german ? "Art der Referenz:" + pick("", " ") + "Referenzpapier ("
                        + pick("916", "130", "50") + ")" : "Reference type: " + pick("Related document (916)",
                        "Contract (CT)"), null});
            }
        }
        for (String[] h : head) {
            if (h[0] == null) { // a continuation under the previous value
                text(regular, 10, valueX, y, h[1], null);
            } else if (r.nextBoolean()) { // "Label: value" as one run
                text(regular, 10, x, y, h[0] + " " + h[1], h[2], h[1]);
            } else {
                text(regular, 10, x, y, h[0], null);
                text(regular, 10, valueX, y, h[1], h[2]);
            }
            y += 18;
        }
        y += 30;
        y = party(german ? pick("Verkäufer", "Lieferant", "Rechnungssteller", "Leistungserbringer")
                : pick("Seller", "Supplier", "From"), d.seller, "sellerName", d.sellerAddress, d.sellerVat,
                regular, bold, x, valueX, y);
        y += 30;
        y = party(german ? pick("Käufer/Leistungsempfänger", "Käufer", "Rechnungsempfänger", "Kunde")
                : pick("Buyer", "Bill to", "Customer"), d.buyer, "buyerName", d.buyerAddress, d.buyerVat,
                regular, bold, x, valueX, y);
        if (r.nextDouble() < 0.3) { // a third party: delivery address or a payee other than the seller
            y += 30;
            y = party(german ? pick("Abweichender Warenempfänger", "Lieferanschrift", "Zahlungsempfänger")
                    : pick("Ship to", "Deliver to", "Payee"), Names.company(r), null, Names.address(r, german), null,
                    regular, bold, x, valueX, y);
        }
        if (r.nextBoolean()) { // many visualisers print no footer: the seller is named once, in its section
            footer(d, regular, margin, right);
        }
        rest(d, regular, bold, margin, right, y + 40);
    }

    /** The title of a document whose amounts are negative. */
    private String creditKind() {
        return german ? pick("Gutschrift", "Rechnungskorrektur", "Stornorechnung") : pick("Credit note",
                "Corrected invoice", "Cancellation invoice");
    }

    private float party(String heading, String name, String field, String[] address, String vat, PDType1Font regular,
                        PDType1Font bold, float x, float valueX, float y) throws IOException {
        text(bold, 10, x, y, heading, null);
        y += 17;
        if (r.nextBoolean()) {
            text(regular, 10, x, y, german ? pick("Nummer:", "Kundennummer:", "Lieferantennummer:") : pick(
                    "Number:", "ID:", "Account:"), null);
            text(regular, 10, valueX, y, Ids.customerNumber(r), null);
            y += 18;
        }
        if (r.nextDouble() < 0.3) {
            text(regular, 10, x, y, german ? "Globale Nummer:" : "Global ID:", null);
            text(regular, 10, valueX, y, Ids.gln(r) + " (GLN)", null);
            y += 18;
        }
        String label = german ? pick("Name:", "Firma:", "Name:") : pick("Name:", "Company:");
        int split = name.indexOf(' ', name.length() / 3);
        boolean splittable = split > 0 && name.substring(0, split).replaceAll("\\P{L}", "").length() >= 3
                && name.substring(split + 1).replaceAll("\\P{L}", "").length() >= 3;
        if (splittable && r.nextDouble() < 0.25) { // a long name over two lines, the label beside either one
            boolean labelLow = r.nextBoolean();
            text(regular, 10, x, labelLow ? y + 12 : y, label, null);
            String first = name.substring(0, split), second = name.substring(split + 1);
            text(regular, 10, valueX, y, first, null);
            text(regular, 10, valueX, y + 12, second, null);
            if (field != null) {
                marks.add(new Mark(field, name, pageNumber, valueX, y, Math.max(width(regular, 10, first),
                        width(regular, 10, second)), 22));
            }
            y += 12;
        } else {
            text(regular, 10, x, y, label, null);
            text(regular, 10, valueX, y, name, field);
        }
        y += 18;
        text(regular, 10, x, y, german ? pick("Anschrift:", "Adresse:") : pick("Address:", "Street:"), null);
        text(regular, 10, valueX, y, address[0], null);
        y += 18;
        text(regular, 10, valueX, y, address[1], null);
        y += 18;
        if (r.nextDouble() < 0.3) { // a contact person and how to reach them
            String person = Names.person(r);
            String[][] contact = {{german ? "Ansprechpartner:" : "Contact:", person},
                    {german ? "Abteilung:" : "Department:", Names.department(r, german)},
                    {german ? "Telefon:" : "Phone:", "+49" + (30 + r.nextInt(60)) + (1000000 + r.nextInt(9000000))},
                    {"E-Mail:", person.replace(' ', '.').toLowerCase(Locale.ROOT) + "@" + pick("example.com",
                            "mail.de", "firma.de")}};
            for (String[] c : contact) {
                if (c == contact[0] || r.nextDouble() < 0.6) {
                    text(regular, 10, x, y, c[0], null);
                    text(regular, 10, valueX, y, c[1], null);
                    y += 18;
                }
            }
        }
        if (vat != null || r.nextBoolean()) {
            if (r.nextBoolean()) {
                text(regular, 10, x, y, german ? "Steuernummer:" : "Tax number:", null);
                text(regular, 10, valueX, y, (100 + r.nextInt(900)) + "/" + (100 + r.nextInt(900)) + "/"
                        + (10000 + r.nextInt(90000)), null);
                y += 18;
            }
            if (vat != null) {
                text(regular, 10, x, y, german ? pick("USt.-Id.-Nr.:", "USt-IdNr.:") : "VAT ID:", null);
                text(regular, 10, valueX, y, vat, "sellerName".equals(field) ? "sellerVatId" : null);
                y += 18;
            }
        }
        return y;
    }

    private void title(PDType1Font bold, float x, float y, String title, String number, String date)
            throws IOException {
        float size = 12 + r.nextInt(6);
        text(bold, size, x, y, title, title.contains(number) ? "invoiceNumber" : null, number);
        if (date != null) {
            float dx = width(bold, size, title.substring(0, title.lastIndexOf(date)));
            marks.add(new Mark("issueDate", date, pageNumber, x + dx, y, width(bold, size, date), size));
        }
    }

    private List<String[]> meta(Data d) {
        List<String[]> meta = new ArrayList<>();
        meta.add(new String[]{label(german ? new String[]{"Rechnungsnummer:", "Rechnungs-Nr.:", "Rechnung Nr.",
                "Rechnungsnr.:", "Beleg-Nr.:", "Nummer:"} : new String[]{"Invoice no.:", "Invoice number:",
                "Invoice #", "Invoice No", "Number:", "Document no.:"}), d.number, "invoiceNumber"});
        meta.add(new String[]{label(german ? new String[]{"Rechnungsdatum:", "Datum:", "Rechnungsdatum",
                "Belegdatum:", "Ausstellungsdatum:"} : new String[]{"Invoice date:", "Date:", "Issue date:",
                "Date of issue:", "Invoice Date"}), fmt.date(d.issued), "issueDate"});
        if (r.nextDouble() < 0.4) {
            meta.add(new String[]{label(german ? new String[]{"Lieferdatum:", "Leistungsdatum:", "Liefertag:"}
                    : new String[]{"Delivery date:", "Date of supply:", "Shipped:"}), fmt.date(d.delivered), null});
        }
        if (d.customerNo != null) {
            meta.add(new String[]{label(german ? new String[]{"Kundennummer:", "Kunden-Nr.:", "Ihre Kundennr.:"}
                    : new String[]{"Customer no.:", "Customer ID:", "Account no.:"}), d.customerNo, null});
        }
        if (d.po != null) {
            meta.add(new String[]{label(german ? new String[]{"Bestellnummer:", "Ihre Bestellung:",
                    "Ihre Bestellnr.:", "Bestell-Nr.:", "Auftragsnummer:", "Ihr Auftrag:"}
                    : new String[]{"PO number:", "Purchase order:", "Your order:", "Order no.:", "PO #",
                    "Your reference:"}), d.po, "purchaseOrderRef"});
        }
        if (d.due != null && r.nextDouble() < 0.6) {
            meta.add(new String[]{label(german ? new String[]{"Fällig am:", "Fälligkeit:", "Fälligkeitsdatum:",
                    "Zahlbar bis:"} : new String[]{"Due date:", "Payment due:", "Due:"}), fmt.date(d.due), "dueDate"});
        }
        if (r.nextDouble() < 0.3) {
            meta.add(new String[]{german ? "Seite:" : "Page:", "1/1", null});
        }
        List<String[]> shuffled = new ArrayList<>(meta.subList(2, meta.size()));
        java.util.Collections.shuffle(shuffled, r);
        List<String[]> all = new ArrayList<>(r.nextBoolean() ? meta.subList(0, 2) : List.of(meta.get(1), meta.get(0)));
        all.addAll(shuffled);
        return all;
    }

    private float table(Data d, PDType1Font regular, PDType1Font bold, float left, float right, float y)
            throws IOException {
        boolean pos = r.nextBoolean();
        boolean unit = r.nextDouble() < 0.3;
        boolean amountBelow = r.nextDouble() < 0.2; // each line total on the row beneath its description
        String[] h = german
                ? new String[]{pick("Pos.", "Pos", "Nr."), pick("Beschreibung", "Artikel", "Bezeichnung", "Leistung",
                "Artikelbeschreibung"), pick("Menge", "Anzahl", "Stück"), "Einheit", pick("Einzelpreis", "Preis",
                "E-Preis", "Stückpreis"), pick("Betrag", "Gesamt", "Gesamtpreis", "Summe")}
                : new String[]{pick("Pos.", "#", "Item"), pick("Description", "Item", "Product", "Service"),
                pick("Qty", "Quantity", "Units"), "Unit", pick("Unit price", "Price", "Rate"),
                pick("Amount", "Total", "Line total")};
        float descX = left + (pos ? 30 : 0);
        float qtyX = right - 230 + r.nextInt(20);
        float unitX = qtyX + 40;
        float priceX = right - 85 - r.nextInt(20);
        float amountX = right;
        PDType1Font hf = r.nextBoolean() ? bold : regular;
        if (pos) {
            text(hf, 9, left, y, h[0], null);
        }
        text(hf, 9, descX, y, h[1], null);
        text(hf, 9, qtyX - width(hf, 9, h[2]), y, h[2], null);
        if (unit) {
            text(hf, 9, unitX, y, h[3], null);
        }
        text(hf, 9, priceX - width(hf, 9, h[4]), y, h[4], null);
        text(hf, 9, amountX - width(hf, 9, h[5]), y, h[5], null);
        // Rules below the descenders (9-pt text reaches ~9 pt below its top): a rule through the text would strike
        // it out in a scan, which no printed invoice does.
        y += 11;
        line(left, y, right, y);
        y += 7;
        int n = 1;
        for (Item item : d.items) {
            if (pos) {
                text(regular, 9, left, y, Integer.toString(n++), null);
            }
            text(regular, 9, descX, y, item.description, null);
            String q = fmt.quantity(item.quantity);
            text(regular, 9, qtyX - width(regular, 9, q), y, q, null);
            if (unit) {
                text(regular, 9, unitX, y, german ? pick("Stk", "h", "kg", "m") : pick("pcs", "h", "kg", "ea"), null);
            }
            String p = fmt.amount(item.price, null);
            text(regular, 9, priceX - width(regular, 9, p), y, p, null);
            String a = fmt.amount(item.amount, null);
            if (amountBelow) {
                y += 11;
                if (r.nextBoolean()) {
                    text(regular, 8, descX, y, (german ? pick("Art.-Nr. ", "Artikel ") : pick("SKU ", "Art. no. "))
                            + Ids.customerNumber(r), null);
                }
                text(regular, 9, amountX - width(regular, 9, a), y, a, null);
                y += 8 + r.nextInt(10);
            } else {
                text(regular, 9, amountX - width(regular, 9, a), y, a, null);
            }
            y += 13;
        }
        line(left, y - 3, right, y - 3);
        return y;
    }

    private float totals(Data d, PDType1Font regular, PDType1Font bold, float right, float y) throws IOException {
        float labelX = right - 210 + r.nextInt(40);
        String cur = fmt.currencyStyle(d.currency);
        if (r.nextDouble() < 0.35) {
            return longTotals(d, regular, bold, labelX - 120 + r.nextInt(100), right, y, cur);
        }
        String rate = fmt.rate(d.rate);
        String[][] rows = {
                {label(german ? new String[]{"Nettobetrag", "Summe netto", "Zwischensumme", "Netto", "Gesamt netto",
                        "Nettosumme", "Warenwert"} : new String[]{"Net", "Subtotal", "Net total", "Total net",
                        "Net amount", "Total excl. VAT"}), fmt.amount(d.net, cur), "netAmount"},
                {label(german ? new String[]{"zzgl. " + rate + " MwSt.", "MwSt. " + rate, "USt " + rate,
                        rate + " USt.", "Umsatzsteuer " + rate, "MwSt"} : new String[]{"VAT " + rate, "Tax " + rate,
                        "Sales tax", "VAT", "plus VAT " + rate}), fmt.amount(d.tax, cur), "taxAmount"},
                {label(german ? new String[]{"Gesamtbetrag", "Rechnungsbetrag", "Bruttobetrag", "Zu zahlen",
                        "Endbetrag", "Gesamtsumme", "Summe brutto", "Zahlbetrag"} : new String[]{"Total",
                        "Total due", "Amount due", "Grand total", "Total incl. VAT", "Balance due"}),
                        fmt.amount(d.total, cur), "total"}};
        if (cur == null && r.nextBoolean()) {
            text(regular, 8, labelX, y, german ? "Beträge in " + d.currency : "Amounts in " + d.currency, null);
            y += 12;
        } else if (cur == null) {
            for (String[] row : rows) {
                row[0] = row[0] + " " + d.currency;
            }
        }
        for (int i = 0; i < rows.length; i++) {
            PDType1Font f = i == 2 ? bold : regular;
            text(f, i == 2 ? 10 : 9, labelX, y, rows[i][0], null);
            text(f, i == 2 ? 10 : 9, right - width(f, i == 2 ? 10 : 9, rows[i][1]), y, rows[i][1], rows[i][2]);
            y += 14;
        }
        return y;
    }

    /** A totals block with every step: positions, charges, allowances, net, tax, gross, prepaid, amount due. */
    private float longTotals(Data d, PDType1Font regular, PDType1Font bold, float labelX, float right, float y,
                             String cur) throws IOException {
        if (r.nextBoolean()) {
            text(bold, 11, labelX - 60, y, german ? pick("Belegsummen", "Summen", "Rechnungsbetrag") : pick("Totals",
                    "Document totals"), null);
            y += 24;
        }
        if (cur == null) { // amounts without a sign: the currency is named once
            text(regular, 8, labelX, y, german ? "Beträge in " + d.currency : "Amounts in " + d.currency, null);
            y += 12;
        }
        BigDecimal prepaid = r.nextDouble() < 0.3 && d.total.signum() > 0
                ? d.total.multiply(BigDecimal.valueOf(0.1 + r.nextDouble() * 0.6)).setScale(0, RoundingMode.DOWN)
                : BigDecimal.ZERO;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{german ? pick("Positionssumme", "Summe Positionen", "Warenwert") : pick("Line total",
                "Sum of lines"), fmt.amount(d.net, cur), null});
        if (r.nextBoolean()) {
            rows.add(new String[]{german ? "Gesamtbetrag der Zuschläge" : "Charges", fmt.amount(BigDecimal.ZERO.setScale(2), cur), null});
            rows.add(new String[]{german ? "Gesamtbetrag der Abschläge" : "Allowances",
                    "-" + fmt.amount(BigDecimal.ZERO.setScale(2), cur), null});
        }
        rows.add(new String[]{german ? pick("Rechnungssumme ohne USt.", "Summe netto", "Nettobetrag", "Basisbetrag")
                : pick("Total without VAT", "Net total", "Tax basis"), fmt.amount(d.net, cur), "netAmount"});
        rows.add(new String[]{german ? pick("Steuerbetrag", "Umsatzsteuer", "USt gesamt", "Summe MwSt.")
                : pick("Tax amount", "VAT total", "Total VAT"), fmt.amount(d.tax, cur), "taxAmount"});
        rows.add(new String[]{german ? pick("Bruttosumme", "Rechnungsbetrag", "Gesamtbetrag", "Summe brutto")
                : pick("Total amount", "Gross total", "Invoice total"), fmt.amount(d.total, cur), "total"});
        if (prepaid.signum() > 0 || r.nextBoolean()) {
            rows.add(new String[]{german ? pick("Erhaltene Anzahlungen", "Anzahlung", "abzgl. Vorauszahlung")
                    : pick("Prepaid amount", "Paid in advance", "Less deposit"),
                    "-" + fmt.amount(prepaid.setScale(2), cur), null});
            rows.add(new String[]{german ? pick("Zahlbetrag", "Zu zahlen", "Offener Betrag") : pick("Amount due",
                    "Balance due", "Due payable"), fmt.amount(d.total.subtract(prepaid), cur),
                    prepaid.signum() == 0 ? "total" : null});
        }
        float step = 14 + r.nextInt(16);
        for (String[] row : rows) {
            text(regular, 9, labelX, y, row[0], null);
            text(regular, 9, right - width(regular, 9, row[1]), y, row[1], row[2]);
            y += step;
        }
        return y;
    }

    private float terms(Data d, PDType1Font regular, float left, float y) throws IOException {
        String days = Integer.toString(d.payDays);
        List<String> lines = new ArrayList<>();
        if (d.discount != null) {
            String pct = fmt.rate(d.discount.percent());
            lines.add(german ? pick("Zahlungsbedingungen: ", "") + pct + " Skonto bei Zahlung innerhalb von "
                    + d.discount.days() + " Tagen, " + days + " Tage netto"
                    : pick("Payment terms: ", "") + pct + " discount if paid within " + d.discount.days()
                    + " days, net " + days + " days");
        } else {
            lines.add(german ? pick("Zahlbar innerhalb von " + days + " Tagen ohne Abzug.",
                    "Zahlungsbedingungen: " + days + " Tage netto", "Zahlungsziel: " + days + " Tage")
                    : pick("Payment due within " + days + " days.", "Payment terms: net " + days,
                    "Please pay within " + days + " days."));
        }
        boolean dueMarked = marks.stream().anyMatch(m -> m.field.equals("dueDate"));
        if (d.due != null && !dueMarked && r.nextDouble() < 0.35) {
            // Terms as a small table: the due date under a column heading, beside the terms text
            float dueX = left + 330, amountX = left + 420;
            text(regular, 9, left, y, german ? pick("Beschreibung", "Zahlungsbedingung", "Bedingung")
                    : pick("Description", "Terms"), null);
            text(regular, 9, dueX, y, german ? pick("Fälligkeit", "Fällig am", "Zahlbar bis") : pick("Due date",
                    "Due", "Payable by"), null);
            text(regular, 9, amountX, y, german ? pick("Betrag", "Teilzahlung") : pick("Amount", "Instalment"), null);
            y += 14;
            String description = lines.remove(0);
            if (v5.nextDouble() < 0.5) {
                // The terms row says something else than the net days (how or whether it is paid)
                description = german ? draw(v5, "Zahlungsweise: Betrag bereits per Karte bezahlt.",
                        "Überweisung ohne Abzug auf das unten genannte Konto.", "Der Betrag wird per Lastschrift"
                                + " eingezogen.", "Bitte bei Zahlung die Rechnungsnummer angeben.",
                        "Zahlung bereits erhalten, vielen Dank.")
                        : draw(v5, "Payment terms: the invoice amount has already been paid.",
                        "Transfer without deduction to the account below.", "The amount will be collected by direct"
                                + " debit.", "Please quote the invoice number with your payment.");
            }
            text(regular, 9, left, y, description, null);
            text(regular, 9, dueX, y, fmt.date(d.due), "dueDate");
            if (r.nextBoolean()) {
                text(regular, 9, amountX, y, fmt.amount(d.total, null), null);
            }
            y += 14;
            dueMarked = true;
        }
        for (String line : lines) {
            text(regular, 9, left, y, line, null);
            y += 12;
        }
        if (d.due != null && !dueMarked) {
            String[] phrase = german ? pick(new String[]{"Bitte überweisen Sie den Betrag bis zum ", ""},
                    new String[]{"Fällig am ", ""}, new String[]{"Zahlbar bis ", ""},
                    new String[]{"Der Betrag wird am ", " per SEPA-Lastschrift eingezogen."})
                    : pick(new String[]{"Please transfer the amount by ", ""}, new String[]{"Due date: ", ""},
                    new String[]{"Payable by ", ""}, new String[]{"The amount will be debited on ", "."});
            String due = fmt.date(d.due);
            if (v5.nextDouble() < 0.3) {
                // A direct-debit paragraph that names the due date mid-text, wrapped so the date may start a line
                String[] paragraph = german ? draw(v5,
                        new String[]{"Liegt uns ein SEPA-Lastschriftmandat vor, buchen wir den Betrag zur",
                                "Fälligkeit " + due + " von Ihrem Konto ab. Andernfalls überweisen Sie ihn bitte."},
                        new String[]{"Bequemer ist ein Lastschriftmandat: wir ziehen den Betrag dann zur Fälligkeit",
                                "am " + due + " von Ihrem hinterlegten Konto ein."},
                        new String[]{"Den Betrag überweisen Sie bitte auf das unten genannte Konto. Fälligkeit " + due,
                                "ohne Abzug; bei einem Lastschriftmandat buchen wir ihn ab."})
                        : draw(v5,
                        new String[]{"With a direct debit mandate on file we will collect the amount on the",
                                "due date " + due + " from your account. Otherwise please transfer it."},
                        new String[]{"Please transfer the amount to the account below. Due date " + due,
                                "without deduction; with a mandate we collect it."});
                for (String line : paragraph) {
                    text(regular, 9, left, y, line, line.contains(due) ? "dueDate" : null, due);
                    y += 10;
                }
                y += 2;
            } else {
                text(regular, 9, left, y, phrase[0] + due + phrase[1], "dueDate", due);
                y += 12;
            }
        }
        if (d.due == null && r.nextDouble() < 0.25) {
            // Instalments instead of one due date: a wrapped paragraph naming their dates, one starting a line
            LocalDate first = d.issued.plusDays(20 + r.nextInt(60));
            String a = fmt.date(first), b = fmt.date(first.plusMonths(3)), c = fmt.date(first.plusMonths(6));
            String[] paragraph = german ? new String[]{"Auf Wunsch ist Ratenzahlung möglich; die Raten würden zu "
                    + "den Terminen " + a + ",", b + " und " + c + " abgebucht, sofern uns ein SEPA-Lastschriftmandat "
                    + "vorliegt."} : new String[]{"Instalments are possible on request; they would be collected on "
                    + a + ",", b + " and " + c + ", provided we hold a direct debit mandate."};
            if (v5.nextDouble() < 0.5) {
                // The same in due-date words: several due dates are no due date
                paragraph = german ? new String[]{"Mit einem Lastschriftmandat buchen wir die Raten zu den Fälligkeiten "
                        + a + ",", b + " und " + c + " jeweils von Ihrem Konto ab."}
                        : new String[]{"With a mandate we collect the instalments on their due dates " + a + ",",
                        b + " and " + c + " from your account."};
            }
            for (String line : paragraph) {
                text(regular, 9, left, y, line, null);
                y += 10;
            }
            y += 4;
        }
        if (r.nextBoolean()) {
            text(regular, 9, left, y, german ? "Vielen Dank für Ihren Auftrag!" : "Thank you for your business!", null);
            y += 12;
        }
        return y;
    }

    private void footer(Data d, PDType1Font regular, float left, float right) throws IOException {
        bankInFooter = true;
        float y = H - 70 + r.nextInt(15);
        float size = 7 + r.nextInt(2);
        float col = (right - left) / 3;
        String iban = r.nextBoolean() ? d.iban : d.iban.replaceAll("(.{4})(?!$)", "$1 ");
        String[][] cols = {
                {d.seller, d.sellerAddress[0], d.sellerAddress[1]},
                {german ? pick("Bankverbindung", "Bank") : "Bank details", "IBAN: " + iban, "BIC: " + Ids.bic(r)},
                {(german ? pick("USt-IdNr.: ", "USt-ID: ") : pick("VAT ID: ", "VAT no.: ")) + d.sellerVat,
                        german ? "Geschäftsführer: " + Names.person(r) : "Director: " + Names.person(r),
                        german ? "Amtsgericht " + Names.city(r) + " HRB " + (10000 + r.nextInt(90000))
                                : "Company no. " + (1000000 + r.nextInt(9000000))}};
        for (int c = 0; c < 3; c++) {
            float x = left + c * col;
            for (int i = 0; i < cols[c].length; i++) {
                String t = cols[c][i];
                String field = c == 0 && i == 0 ? "sellerName" : null;
                String value = null;
                if (t.startsWith("IBAN")) {
                    field = "sellerIban";
                    value = iban;
                } else if (c == 2 && i == 0) {
                    field = "sellerVatId";
                    value = d.sellerVat;
                }
                text(regular, size, x, y + i * (size + 3), t, field, value == null ? t : value);
            }
        }
    }

    // ---------------------------------------------------------------- primitives

    private void newPage() throws IOException {
        if (out != null && pageNumber > 0) {
            out.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        out = new PDPageContentStream(document, page);
        pageNumber++;
    }

    @SafeVarargs
    private static <T> T draw(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    private void text(PDType1Font font, float size, float x, float y, String s, String field) throws IOException {
        text(font, size, x, y, s, field, s);
    }

    /** Draws {@code s} with its top at {@code y}; when {@code field} is set, marks where {@code value} sits in it. */
    private void text(PDType1Font font, float size, float x, float y, String s, String field, String value)
            throws IOException {
        float baseline = y + size * 0.8f;
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, H - baseline);
        out.showText(s);
        out.endText();
        if (field != null) {
            int at = s.indexOf(value);
            if (at >= 0) {
                float vx = x + width(font, size, s.substring(0, at));
                marks.add(new Mark(field, value, pageNumber, vx, y, width(font, size, value), size));
            }
        }
    }

    private void line(float x1, float y1, float x2, float y2) throws IOException {
        out.setLineWidth(0.5f);
        out.moveTo(x1, H - y1);
        out.lineTo(x2, H - y2);
        out.stroke();
    }

    private static float width(PDType1Font font, float size, String s) throws IOException {
        return font.getStringWidth(s) / 1000f * size;
    }

    private static PDType1Font font(int family) {
        return new PDType1Font(switch (family) {
            case 1 -> Standard14Fonts.FontName.TIMES_ROMAN;
            case 2 -> Standard14Fonts.FontName.COURIER;
            default -> Standard14Fonts.FontName.HELVETICA;
        });
    }

    private static PDType1Font bold(PDType1Font regular) {
        String name = regular.getName();
        return new PDType1Font(name.startsWith("Times") ? Standard14Fonts.FontName.TIMES_BOLD
                : name.startsWith("Courier") ? Standard14Fonts.FontName.COURIER_BOLD
                : Standard14Fonts.FontName.HELVETICA_BOLD);
    }

    private String sep() {
        return pick(" · ", " - ", ", ", " | ", " • ");
    }

    private String label(String[] options) {
        String l = options[r.nextInt(options.length)];
        return r.nextDouble() < 0.1 ? l.toUpperCase(german ? Locale.GERMAN : Locale.ENGLISH) : l;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[r.nextInt(options.length)];
    }

    private int pickInt(int... options) {
        return options[r.nextInt(options.length)];
    }

    /** Number, date and currency formatting of one invoice. */
    private static final class Fmt {
        final char decimal;
        final String grouping;
        final DateTimeFormatter date;
        final int currencyStyle;

        Fmt(Random r, boolean german) {
            boolean comma = german ? r.nextDouble() < 0.9 : r.nextDouble() < 0.1;
            decimal = comma ? ',' : '.';
            grouping = r.nextDouble() < 0.25 ? "" : comma ? (r.nextDouble() < 0.1 ? "'" : ".") : ",";
            Locale locale = german ? Locale.GERMAN : Locale.ENGLISH;
            String[] patterns = german ? new String[]{"dd.MM.yyyy", "dd.MM.yyyy", "d. MMMM yyyy", "yyyy-MM-dd",
                    "dd.MM.yy", "d.M.yyyy"} : new String[]{"dd/MM/yyyy", "yyyy-MM-dd", "d MMMM yyyy", "MMMM d, yyyy",
                    "d MMM yyyy", "dd.MM.yyyy", "MM/dd/yyyy"};
            date = DateTimeFormatter.ofPattern(patterns[r.nextInt(patterns.length)], locale);
            currencyStyle = r.nextInt(5);
        }

        String date(LocalDate d) {
            return date.format(d);
        }

        /** Symbol or code placed before/after amounts, or null when amounts stand alone. */
        String currencyStyle(String currency) {
            String symbol = switch (currency) {
                case "EUR" -> "€";
                case "USD" -> "$";
                case "GBP" -> "£";
                default -> currency;
            };
            return switch (currencyStyle) {
                case 0 -> "_ " + currency;
                case 1 -> currency + " _";
                case 2 -> "_ " + symbol;
                case 3 -> symbol + (symbol.length() == 1 ? "" : " ") + "_";
                default -> null;
            };
        }

        String amount(BigDecimal v, String style) {
            String s = number(v, 2);
            return style == null ? s : style.replace("_", s);
        }

        String quantity(BigDecimal q) {
            return number(q, q.scale());
        }

        String rate(BigDecimal rate) {
            return rate.stripTrailingZeros().toPlainString().replace('.', decimal) + (decimal == ',' ? " %" : "%");
        }

        private String number(BigDecimal v, int scale) {
            BigDecimal a = v.abs().setScale(scale, RoundingMode.HALF_UP);
            String plain = a.toPlainString();
            String whole = scale > 0 ? plain.substring(0, plain.indexOf('.')) : plain;
            StringBuilder g = new StringBuilder();
            for (int i = 0; i < whole.length(); i++) {
                if (i > 0 && (whole.length() - i) % 3 == 0) {
                    g.append(grouping);
                }
                g.append(whole.charAt(i));
            }
            if (scale > 0) {
                g.append(decimal).append(plain.substring(plain.indexOf('.') + 1));
            }
            return (v.signum() < 0 ? "-" : "") + g;
        }
    }

    /** Random identifiers in the shapes invoices use. */
    static final class Ids {

        static String invoiceNumber(Random r, LocalDate issued) {
            return switch (r.nextInt(7)) {
                case 0 -> Integer.toString(10000 + r.nextInt(990000));
                case 1 -> pick(r, "RE", "R", "INV", "RG", "AR") + pick(r, "-", "", "/") + issued.getYear()
                        + pick(r, "-", "/", "") + String.format("%04d", r.nextInt(10000));
                case 2 -> issued.getYear() + pick(r, "-", "/") + String.format("%05d", r.nextInt(100000));
                case 3 -> pick(r, "R", "RE", "F") + (issued.getYear() % 100) + "-" + (1 + r.nextInt(999));
                case 4 -> Integer.toString(100000000 + r.nextInt(900000000));
                case 5 -> groups(r);
                default -> pick(r, "INV", "IN", "RN") + String.format("%06d", r.nextInt(1000000));
            };
        }

        static String orderNumber(Random r, LocalDate issued) {
            return switch (r.nextInt(5)) {
                case 0 -> issued.getYear() + "-" + (100000 + r.nextInt(900000));
                case 1 -> pick(r, "PO", "B", "BE", "ORD") + pick(r, "-", "") + (1000 + r.nextInt(9000000));
                case 2 -> Long.toString(1000000000L + (long) (r.nextDouble() * 9e12));
                case 3 -> groups(r);
                default -> Integer.toString(4500000 + r.nextInt(100000));
            };
        }

        static String customerNumber(Random r) {
            return r.nextBoolean() ? Integer.toString(10000 + r.nextInt(90000)) : "K" + (1000 + r.nextInt(90000));
        }

        /** Generic "groups of digits/letters with separators" numbers, e.g. 12.345.678-2024-1 or 7731/00/X/01. */
        private static String groups(Random r) {
            String sep = pick(r, "-", "/", ".");
            StringBuilder s = new StringBuilder();
            int n = 2 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    s.append(r.nextDouble() < 0.7 ? sep : pick(r, "-", "/"));
                }
                if (r.nextDouble() < 0.2) {
                    s.append((char) ('A' + r.nextInt(26)));
                } else {
                    int len = 1 + r.nextInt(6);
                    for (int k = 0; k < len; k++) {
                        s.append(r.nextInt(10));
                    }
                }
            }
            return s.toString();
        }

        static String vat(Random r) {
            return switch (r.nextInt(5)) {
                case 0 -> "ATU" + digits(r, 8);
                case 1 -> "GB" + digits(r, 9);
                case 2 -> "FR" + digits(r, 11);
                default -> "DE" + digits(r, 9);
            };
        }

        /** A German IBAN with valid check digits. */
        static String iban(Random r) {
            String bban = digits(r, 8) + digits(r, 10);
            String numeric = bban + "1314" + "00"; // D=13, E=14
            int check = 98 - new BigInteger(numeric).mod(BigInteger.valueOf(97)).intValue();
            return "DE" + String.format("%02d", check) + bban;
        }

        /** A 13-digit global location number. */
        static String gln(Random r) {
            return "40" + digits(r, 11);
        }

        /** A routing id as e-invoicing networks assign them ("04011000-12345-34"). */
        static String routing(Random r) {
            return digits(r, 8) + "-" + digits(r, 5) + "-" + digits(r, 2);
        }

        static String bic(Random r) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                s.append((char) ('A' + r.nextInt(26)));
            }
            return s + "DE" + pick(r, "FF", "MM", "HH", "2X") + pick(r, "XXX", "", "123");
        }

        private static String digits(Random r, int n) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < n; i++) {
                s.append(r.nextInt(10));
            }
            return s.toString();
        }

        @SafeVarargs
        private static <T> T pick(Random r, T... options) {
            return options[r.nextInt(options.length)];
        }
    }

    /** Company, person, place and article names. */
    static final class Names {
        private static final String[] STEMS = {"Nord", "Süd", "Alpen", "Rhein", "Elbe", "Blau", "Apex", "Global",
                "Elektro", "Bau", "Technik", "Muster", "Hansa", "Falken", "Linden", "Sonnen", "Stahl", "Holz", "Data",
                "Meridian", "Kessler", "Becker", "Schmidt", "Wagner", "Hoffmann", "Northwind", "Contoso", "Summit",
                "Atlas", "Orion", "Vista", "Pioneer", "Green", "Quantum", "Bergmann", "Krüger", "Lorenz", "Fischer",
                "Brandt", "Weber", "Keller", "Nova", "Delta", "Insel", "Ost", "West", "Zentral", "Stadt", "Land"};
        private static final String[] TRADES = {"Handel", "Service", "Systems", "Logistik", "Bau", "Druck",
                "Industrieservice", "Consulting", "Software", "Versand", "Metallbau", "Elektrotechnik", "Supplies",
                "Trading", "Solutions", "Verkehrsbetriebe", "Immobilien", "Grundbesitz", "Versicherung", "Medien",
                "Autovermietung", "Lieferant", "Werke", "Technologies", "Foods", "Textil", "Möbel", "Energie"};
        private static final String[] FORMS = {"GmbH", "GmbH", "GmbH", "AG", "GmbH & Co. KG", "KG", "e.K.", "OHG",
                "Ltd.", "Ltd", "Inc.", "LLC", "SE", "UG (haftungsbeschränkt)", "a.G.", "e.V.", "GmbH & Co.", "S.A.",
                "B.V.", "plc"};
        private static final String[] FIRST = {"Anna", "Peter", "Maria", "Thomas", "Julia", "Stefan", "Laura",
                "Michael", "Sarah", "Andreas", "Claudia", "Jan", "Emma", "John", "Linda", "David", "Sophie", "Karl"};
        private static final String[] LAST = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
                "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Smith", "Jones",
                "Brown", "Taylor", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann"};
        private static final String[] CITIES = {"Berlin", "Hamburg", "München", "Köln", "Frankfurt", "Stuttgart",
                "Düsseldorf", "Leipzig", "Dortmund", "Bremen", "Dresden", "Hannover", "Nürnberg", "Wien", "Zürich",
                "London", "Manchester", "Bonn", "Kiel", "Mainz", "Augsburg", "Freiburg", "Musterstadt"};
        private static final String[] STREETS = {"Hauptstraße", "Bahnhofstraße", "Industriestraße", "Lindenweg",
                "Am Markt", "Gartenstraße", "Schulstraße", "Hafenstraße", "Ringstraße", "Kirchplatz", "High Street",
                "Station Road", "Mühlenweg", "Lieferantenstraße", "Kundenstraße", "Poststraße"};
        private static final String[] ARTICLES_DE = {"Beratung", "Wartung Heizungsanlage", "Kopierpapier A4",
                "Montage", "Schrauben M8", "Kabel NYM 3x1,5", "Reinigung Büro", "Fahrtkosten", "Lizenz Software",
                "Bürostuhl", "Arbeitsstunden", "Mineralwasser 12 x 1,0l", "Toner schwarz", "Versandkosten",
                "Miete Lagerfläche", "Schulung", "Ersatzteil Pumpe", "Stahlträger", "Farbe weiß 10l", "Reparatur"};
        private static final String[] ARTICLES_EN = {"Consulting", "Maintenance", "Copy paper A4", "Installation",
                "Screws M8", "Network cable", "Office cleaning", "Travel expenses", "Software licence",
                "Office chair", "Labour hours", "Toner black", "Shipping", "Storage rent", "Training",
                "Spare part pump", "Steel beam", "Paint white 10l", "Repair", "Support contract"};

        static String company(Random r) {
            return switch (r.nextInt(7)) {
                case 6 -> STEMS[r.nextInt(STEMS.length)] + "-" + TRADES[r.nextInt(TRADES.length)]
                        + (r.nextBoolean() ? " " + FORMS[r.nextInt(FORMS.length)] : "");
                case 0 -> STEMS[r.nextInt(STEMS.length)] + " " + FORMS[r.nextInt(FORMS.length)];
                case 1 -> (STEMS[r.nextInt(STEMS.length)] + TRADES[r.nextInt(TRADES.length)].toLowerCase(Locale.ROOT))
                        + (r.nextDouble() < 0.7 ? " " + FORMS[r.nextInt(FORMS.length)] : ""); // one word, no legal form
                case 2 -> TRADES[r.nextInt(TRADES.length)] + " " + LAST[r.nextInt(LAST.length)] + " "
                        + FORMS[r.nextInt(FORMS.length)];
                case 3 -> LAST[r.nextInt(LAST.length)] + " & " + LAST[r.nextInt(LAST.length)] + " "
                        + FORMS[r.nextInt(FORMS.length)];
                case 4 -> (STEMS[r.nextInt(STEMS.length)] + " " + TRADES[r.nextInt(TRADES.length)] + " "
                        + FORMS[r.nextInt(FORMS.length)]).toUpperCase(Locale.ROOT);
                default -> STEMS[r.nextInt(STEMS.length)] + " " + TRADES[r.nextInt(TRADES.length)]
                        + (r.nextBoolean() ? " " + FORMS[r.nextInt(FORMS.length)] : "");
            };
        }

        static String person(Random r) {
            return FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
        }

        static String city(Random r) {
            return CITIES[r.nextInt(CITIES.length)];
        }

        static String[] address(Random r, boolean german) {
            String street = STREETS[r.nextInt(STREETS.length)] + " " + (1 + r.nextInt(120));
            String zip = german ? String.format("%05d", 10000 + r.nextInt(89999)) : "" + (1000 + r.nextInt(8999));
            return new String[]{street, zip + " " + city(r)};
        }

        /** The name of an accompanying document ("Stundenzettel", "Delivery-note-3"). */
        static String document(Random r, boolean german) {
            String base = german ? Ids.pick(r, "Stundenzettel", "Lieferschein", "Angebot", "Fahrtenbuch", "Reisebeleg",
                    "Tankquittung", "Projektbericht", "Rahmenvertrag", "Abnahmeprotokoll")
                    : Ids.pick(r, "Timesheet", "Delivery-note", "Quote", "Logbook", "Travel-receipt", "Fuel-receipt",
                    "Project-report", "Framework-contract", "Acceptance-report");
            return switch (r.nextInt(3)) {
                case 0 -> base + "-" + (1 + r.nextInt(9));
                case 1 -> base + "-" + STEMS[r.nextInt(STEMS.length)];
                default -> base;
            };
        }

        static String department(Random r, boolean german) {
            return german ? Ids.pick(r, "Einkauf", "Buchhaltung", "Vertrieb", "Kundenservice", "Zentraleinkauf")
                    : Ids.pick(r, "Purchasing", "Accounts", "Sales", "Customer service");
        }

        static String article(Random r, boolean german) {
            String[] a = german ? ARTICLES_DE : ARTICLES_EN;
            return a[r.nextInt(a.length)];
        }
    }
}
