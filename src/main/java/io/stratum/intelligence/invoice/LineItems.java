package io.stratum.intelligence.invoice;

import io.stratum.intelligence.document.DocumentLayout;
import io.stratum.intelligence.document.PageLayout;
import io.stratum.intelligence.document.TextLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Line items by column geometry: the table header is the line naming a quantity column and an amount column; below
 * it, an item closes with an amount under the header's amount column, on the item's own row or on a row below it
 * (tables that print each line total beneath the description). The item's row is the last row of that group with a
 * number under the quantity column; detail rows in between (article numbers, notes) belong to the item. The table
 * ends at a totals label or a labelled row starting near the number columns (a totals block), at a heading in a
 * larger font, or when no amount follows for many rows.
 */
final class LineItems {

    private static final Set<String> QTY = Set.of("menge", "anzahl", "stuck", "stk", "qty", "quantity", "units",
            "anz", "quantitat");
    private static final Set<String> PRICE = Set.of("einzelpreis", "preis", "epreis", "stuckpreis", "unitprice",
            "price", "rate", "nettopreis", "einzelbetrag");
    private static final Set<String> AMOUNT = Set.of("betrag", "gesamt", "gesamtpreis", "summe", "amount", "total",
            "linetotal", "nettobetrag", "gesamtbetrag", "wert");
    private static final Set<String> DESCRIPTION = Set.of("beschreibung", "bezeichnung", "artikel", "leistung",
            "artikelbeschreibung", "description", "item", "product", "service", "text", "artikelbezeichnung");
    private static final Set<String> STOP = Set.of("netto", "nettobetrag", "summe", "zwischensumme", "subtotal",
            "net", "total", "gesamtbetrag", "mwst", "ust", "vat", "nettosumme", "warenwert", "gesamt", "tax", "sum",
            "steuerbetrag", "umsatzsteuer", "bruttobetrag", "rechnungsbetrag");
    /** Rows without an amount after which a table has surely ended (detail rows of one item are fewer). */
    private static final int MAX_OPEN_ROWS = 8;
    /** How far (pt) a number may sit from its column's reference point. */
    private static final double COLUMN_SLACK = 40;

    /** What OCR puts around a number from table rules and speckles: "|1,20", "3.73_", "‘45,00". */
    private static final String STRAY = "|_—–'‘’`\"~!";

    /**
     * Column reference points of a table header (NaN when the header has no such column).
     *
     * @param left where the header starts (the table's left edge)
     */
    private record Header(double qty, double price, double amountRight, double description, double height,
                          double left) {

        /** The first number column left of the amount: quantity, else unit price. */
        double numbers() {
            return Double.isNaN(qty) ? price : Double.isNaN(price) ? qty : Math.min(qty, price);
        }

        /** The column whose number marks an item's own row: quantity, else unit price. */
        double marker() {
            return Double.isNaN(qty) ? price : qty;
        }
    }

    private LineItems() {
    }

    static List<InvoiceFields.LineItem> read(DocumentLayout layout) {
        List<InvoiceFields.LineItem> items = new ArrayList<>();
        for (PageLayout page : layout.pages()) {
            List<TextLine> lines = page.lines();
            for (int i = 0; i < lines.size(); i++) {
                Header header = header(lines.get(i));
                if (header != null) {
                    // OCR boxes vary in height with the glyphs read, so only a much larger line is a heading there
                    double heading = page.source() == PageLayout.Source.OCR ? 1.8 : 1.3;
                    items.addAll(rows(lines, i + 1, header, heading));
                    break;
                }
            }
        }
        return items;
    }

    /** The column positions, or null when the line is not a table header. */
    private static Header header(TextLine line) {
        double qty = Double.NaN, price = Double.NaN, amount = Double.NaN, description = Double.NaN;
        List<TextLine.Word> words = line.words();
        for (int i = 0; i < words.size(); i++) {
            TextLine.Word w = words.get(i);
            String n = Candidates.norm(w.text());
            String two = i + 1 < words.size() ? n + Candidates.norm(words.get(i + 1).text()) : n;
            double centre = w.x() + w.width() / 2;
            if (QTY.contains(n)) {
                qty = centre;
            } else if (PRICE.contains(two) || PRICE.contains(n)) {
                price = centre;
            } else if (AMOUNT.contains(two) || AMOUNT.contains(n)) {
                amount = w.x() + w.width();
            } else if (DESCRIPTION.contains(n)) {
                description = w.x(); // the last one: "Item | Description" names the position column first
            }
        }
        // OCR sometimes loses a whole column of short numbers with its heading: a unit price column stands in
        return Double.isNaN(qty) && Double.isNaN(price) || Double.isNaN(amount) ? null
                : new Header(qty, price, amount, description, line.height(), line.x());
    }

    private static List<InvoiceFields.LineItem> rows(List<TextLine> lines, int from, Header header, double heading) {
        List<InvoiceFields.LineItem> items = new ArrayList<>();
        List<TextLine> open = new ArrayList<>();
        for (int i = from; i < lines.size(); i++) {
            TextLine line = lines.get(i);
            if (line.words().isEmpty()) {
                continue;
            }
            if (line.height() > header.height() * heading + 0.5) {
                break; // a heading: the next section
            }
            TextLine.Word amount = amountWord(line, header);
            if (quantity(line, header, amount) == null && (totalsLabel(line) || totalsBlock(line, header))) {
                break;
            }
            open.add(line);
            if (amount == null) {
                if (open.size() > MAX_OPEN_ROWS) {
                    break;
                }
                continue;
            }
            TextLine row = null;
            for (int k = open.size() - 1; k >= 0 && row == null; k--) {
                if (quantity(open.get(k), header, amount) != null) {
                    row = open.get(k);
                }
            }
            if (row == null) {
                row = line;
            }
            items.add(item(row, header, amount, Candidates.amount(clean(amount.text()))));
            open.clear();
        }
        return items;
    }

    /**
     * The rightmost amount whose right edge is under the amount column, or null. Specks after it are passed over, and
     * an amount OCR split at a lost decimal comma ("3.928 10") is joined again.
     */
    private static TextLine.Word amountWord(TextLine line, Header header) {
        List<TextLine.Word> words = line.words();
        int i = words.size() - 1;
        while (i > 0 && clean(words.get(i).text()).chars().noneMatch(Character::isLetterOrDigit)) {
            i--;
        }
        TextLine.Word last = words.get(i);
        if (Math.abs(last.x() + last.width() - header.amountRight()) > COLUMN_SLACK) {
            return null;
        }
        if (Candidates.amount(clean(last.text())) != null) {
            return last;
        }
        if (i > 0 && clean(last.text()).matches("\\d{2}")) {
            TextLine.Word before = words.get(i - 1);
            String whole = clean(before.text());
            boolean close = last.x() - (before.x() + before.width()) < Math.max(line.height(), 4);
            if (close && whole.matches("\\d{1,3}([.,']\\d{3})+|\\d{1,3}")) {
                return new TextLine.Word(whole.replaceAll("[.,']", "") + "." + clean(last.text()), before.x(),
                        Math.min(before.y(), last.y()), last.x() + last.width() - before.x(),
                        Math.max(before.height(), last.height()));
            }
        }
        return null;
    }

    /** A number's word without the stray marks OCR reads around it, and without trailing punctuation. */
    private static String clean(String word) {
        int from = 0, to = word.length();
        while (from < to && STRAY.indexOf(word.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && STRAY.indexOf(word.charAt(to - 1)) >= 0) {
            to--;
        }
        return Candidates.trim(word.substring(from, to));
    }

    /**
     * A labelled row without a quantity that starts well right of the table's left edge, near the number columns:
     * the first row of a totals block ("Sum of lines", "Amounts in EUR"), whatever its label says.
     */
    private static boolean totalsBlock(TextLine line, Header header) {
        boolean labelled = line.words().stream().anyMatch(w -> Candidates.norm(w.text()).length() >= 2);
        return labelled && line.x() > header.left() + 0.6 * (header.marker() - header.left());
    }

    /** The number under the quantity column (else the unit price column; not the line amount), or null. */
    private static BigDecimal quantity(TextLine line, Header header, TextLine.Word amount) {
        return nearest(line, header.marker(), amount);
    }

    private static BigDecimal nearest(TextLine line, double column, TextLine.Word except) {
        if (Double.isNaN(column)) {
            return null;
        }
        BigDecimal best = null;
        double distance = COLUMN_SLACK;
        for (TextLine.Word w : line.words()) {
            if (w == except) {
                continue;
            }
            BigDecimal number = number(clean(w.text()));
            double d = Math.abs(w.x() + w.width() / 2 - column);
            if (number != null && d < distance) {
                distance = d;
                best = number;
            }
        }
        return best;
    }

    /** "Summe", "Total", "Nettobetrag"...: the totals under a table, not an item. */
    private static boolean totalsLabel(TextLine line) {
        for (TextLine.Word w : line.words()) {
            String n = Candidates.norm(w.text());
            if (STOP.contains(n) || n.endsWith("summe") || n.endsWith("total")) {
                return true;
            }
        }
        return false;
    }

    private static InvoiceFields.LineItem item(TextLine row, Header header, TextLine.Word amountWord,
                                               BigDecimal amount) {
        BigDecimal quantity = nearest(row, header.qty(), amountWord);
        BigDecimal price = nearest(row, header.price(), amountWord);
        if (quantity == null && price != null && amount != null && price.signum() != 0) {
            // quantity column not read: the quantity that makes price × quantity the amount, when there is one
            BigDecimal q = amount.divide(price, 2, RoundingMode.HALF_UP).stripTrailingZeros();
            if (q.multiply(price).setScale(2, RoundingMode.HALF_UP).compareTo(amount) == 0) {
                quantity = q.scale() < 0 ? q.setScale(0) : q;
            }
        }
        // The description is the text left of the first number column (and right of a position number).
        double numbers = header.numbers() - COLUMN_SLACK;
        StringBuilder description = new StringBuilder();
        List<TextLine.Word> words = row.words();
        for (int k = 0; k < words.size(); k++) {
            TextLine.Word w = words.get(k);
            if (w == amountWord || w.x() + w.width() > numbers) {
                continue;
            }
            if (!Double.isNaN(header.description()) ? w.x() < header.description() - 5
                    : k == 0 && number(Candidates.trim(w.text())) != null) {
                continue; // position number or article column
            }
            description.append(description.isEmpty() ? "" : " ").append(w.text());
        }
        return new InvoiceFields.LineItem(description.toString(), quantity, price, amount);
    }

    private static BigDecimal number(String t) {
        BigDecimal a = Candidates.amount(t);
        if (a != null) {
            return a;
        }
        String plain = t.replace(',', '.').replace('−', '-');
        return plain.matches("-?\\d{1,6}(\\.\\d{1,4})?") ? new BigDecimal(plain) : null;
    }
}
