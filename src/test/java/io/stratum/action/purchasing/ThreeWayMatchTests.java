package io.stratum.action.purchasing;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Invoice against order and receipts: the numbers for the tolerance DMN and the sentences for the people. */
class ThreeWayMatchTests {

    static final PurchaseOrder ORDER = new PurchaseOrder("PO-1", "Northwind Office Supply Ltd", "GB123456789", "EUR",
            "CC-100", List.of(
            new PurchaseOrder.Line(1, "Printer paper A4 80 g (box of 5 reams)", new BigDecimal("40"),
                    new BigDecimal("21.90")),
            new PurchaseOrder.Line(2, "Toner cartridge black", new BigDecimal("6"), new BigDecimal("64.00"))), null);
    static final LocalDate DAY = LocalDate.of(2026, 11, 2);

    static InvoiceToMatch.Line line(String description, String qty, String unit) {
        BigDecimal q = new BigDecimal(qty);
        BigDecimal u = new BigDecimal(unit);
        return new InvoiceToMatch.Line(description, q, u, q.multiply(u));
    }

    @Test
    void aCleanInvoiceHasNoFindings() {
        InvoiceToMatch invoice = new InvoiceToMatch("PO-1", "Northwind Office Supply Ltd.", "EUR",
                new BigDecimal("1260.00"), List.of(line("Paper A4 80g, box of 5 reams", "40", "21.90"),
                line("TONER CARTRIDGE - BLACK", "6", "64.00")));
        MatchReport r = ThreeWayMatch.match(invoice, ORDER, List.of(
                new GoodsReceipt("PO-1", 1, new BigDecimal("40"), DAY),
                new GoodsReceipt("PO-1", 2, new BigDecimal("6"), DAY)));
        assertThat(r.orderFound()).isTrue();
        assertThat(r.maxPriceDeviation()).isZero();
        assertThat(r.maxQuantityExcess()).isZero();
        assertThat(r.amountDeviation()).isZero();
        assertThat(r.unmatchedLines()).isZero();
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void deviationsAreSharesAndSentences() {
        InvoiceToMatch invoice = new InvoiceToMatch("PO-1", "Someone Else GmbH", "USD", new BigDecimal("1400.00"),
                List.of(line("Printer paper A4 80 g", "40", "22.338"),   // +2 % price
                        line("Toner cartridge black", "8", "64.00"),      // 8 invoiced, 4 received, 6 ordered
                        line("Express delivery fee", "1", "25.00")));    // never ordered
        MatchReport r = ThreeWayMatch.match(invoice, ORDER, List.of(
                new GoodsReceipt("PO-1", 1, new BigDecimal("40"), DAY),
                new GoodsReceipt("PO-1", 2, new BigDecimal("4"), DAY)));
        assertThat(r.maxPriceDeviation()).isEqualByComparingTo("0.0200");
        assertThat(r.maxQuantityExcess()).isEqualByComparingTo("1.0000"); // (8 - 4) / 4
        assertThat(r.unmatchedLines()).isEqualTo(1);
        // expected value: 40 x 21.90 + 8 x 64 = 1388; |1400 - 1388| / 1388
        assertThat(r.amountDeviation()).isEqualByComparingTo("0.0086");
        assertThat(r.findings()).anySatisfy(f -> assertThat(f).contains("Currency USD", "EUR"))
                .anySatisfy(f -> assertThat(f).contains("Seller \"Someone Else GmbH\""))
                .anySatisfy(f -> assertThat(f).contains("unit price 22.338 against 21.90", "+2.0 %"))
                .anySatisfy(f -> assertThat(f).contains("8 invoiced, only 6 ordered"))
                .anySatisfy(f -> assertThat(f).contains("8 invoiced, 4 received (+100.0 %)"))
                .anySatisfy(f -> assertThat(f).contains("Express delivery fee", "matches no line"))
                .anySatisfy(f -> assertThat(f).contains("Net amount 1400.00 against 1388.00"));
    }

    @Test
    void nothingReceivedIsAHundredPercentOver() {
        InvoiceToMatch invoice = new InvoiceToMatch("PO-1", null, "EUR", null,
                List.of(line("Toner cartridge black", "6", "64.00")));
        MatchReport r = ThreeWayMatch.match(invoice, ORDER, List.of());
        assertThat(r.maxQuantityExcess()).isEqualByComparingTo("1");
        assertThat(r.findings()).containsExactly("Order line 2 \"Toner cartridge black\": 6 invoiced, nothing received"
                + " yet.");
    }

    @Test
    void partialInvoicesCountAgainstWhatWasReceived() {
        // Second partial invoice: 4 more received later, 4 invoiced; receipts add up
        PurchaseOrder order = new PurchaseOrder("2018-471331", "Lieferant GmbH", null, "EUR", "CC-410",
                List.of(new PurchaseOrder.Line(2, "Schweinesteak", new BigDecimal("5"), new BigDecimal("5.50"))), null);
        InvoiceToMatch invoice = new InvoiceToMatch("2018-471331", "Lieferant GmbH", "EUR", new BigDecimal("22.00"),
                List.of(line("Schweinesteak", "4", "5.50")));
        MatchReport r = ThreeWayMatch.match(invoice, order, List.of(
                new GoodsReceipt("2018-471331", 2, new BigDecimal("1"), DAY),
                new GoodsReceipt("2018-471331", 2, new BigDecimal("4"), DAY.plusDays(8))));
        assertThat(r.findings()).isEmpty();
        assertThat(r.maxQuantityExcess()).isZero();
    }

    @Test
    void withoutLinesTheNetIsComparedWithTheWholeOrder() {
        InvoiceToMatch invoice = new InvoiceToMatch("PO-1", "Northwind Office Supply Ltd", "EUR",
                new BigDecimal("1323.00"), List.of());
        MatchReport r = ThreeWayMatch.match(invoice, ORDER, List.of());
        assertThat(r.amountDeviation()).isEqualByComparingTo("0.0500"); // 1323 vs 1260
        assertThat(r.findings()).singleElement().asString().contains("whole order", "+5.0 %");
    }

    @Test
    void aMissingOrderIsItsOwnDiscrepancy() {
        MatchReport r = ThreeWayMatch.notFound(new InvoiceToMatch("PO-404", "X", "EUR", BigDecimal.TEN,
                List.of(line("a", "1", "10"))));
        assertThat(r.orderFound()).isFalse();
        assertThat(r.unmatchedLines()).isEqualTo(1);
        assertThat(r.findings()).containsExactly("No purchase order PO-404 is on record.");
        assertThat(ThreeWayMatch.notFound(new InvoiceToMatch(null, null, null, null, null)).findings())
                .containsExactly("The invoice names no purchase order.");
    }

    @Test
    void similarityFoldsCaseAccentsAndPunctuation() {
        assertThat(ThreeWayMatch.similarity("Kunstrasen grün, 3 m breit", "KUNSTRASEN GRUEN 3m breit"))
                .isGreaterThan(0.3);
        assertThat(ThreeWayMatch.similarity("Zitronensäure 100ml", "Zitronensaeure 100 ml")).isGreaterThan(0.3);
        assertThat(ThreeWayMatch.similarity("Vollkasko", "Choice Upgrade")).isZero();
    }

    // --- pairing invoice lines with order lines (one assignment, numbers as evidence)

    static PurchaseOrder.Line ordered(int line, String description, String qty, String unit) {
        return new PurchaseOrder.Line(line, description, new BigDecimal(qty), new BigDecimal(unit));
    }

    static List<Integer> paired(List<InvoiceToMatch.Line> lines, List<PurchaseOrder.Line> order) {
        return java.util.Arrays.stream(ThreeWayMatch.pair(lines, order)).map(l -> l == null ? 0 : l.line()).toList();
    }

    @Test
    void sameWordsDifferentVariantsArePairedByPrice() {
        // Both invoice lines share most words with both order lines; the prices tell which is which
        List<PurchaseOrder.Line> order = List.of(ordered(1, "Hex bolt M8 x 40 zinc plated", "100", "0.12"),
                ordered(2, "Hex bolt M8 x 40 stainless", "50", "0.40"));
        assertThat(paired(List.of(line("Hex bolt M8 x 40 stainless steel", "50", "0.40"),
                line("Hex bolt M8 x 40", "100", "0.12")), order)).containsExactly(2, 1);
    }

    @Test
    void identicalDescriptionsArePairedByQuantityAndPrice() {
        // Day and night rate: the same words, told apart only by the numbers
        List<PurchaseOrder.Line> order = List.of(ordered(1, "Service technician hours", "8", "90.00"),
                ordered(2, "Service technician hours", "4", "135.00"));
        InvoiceToMatch invoice = new InvoiceToMatch("PO-9", null, "EUR", new BigDecimal("1260.00"),
                List.of(line("Service technician hours", "4", "135.00"),
                        line("Service technician hours", "8", "90.00")));
        assertThat(paired(invoice.lines(), order)).containsExactly(2, 1);
        MatchReport r = ThreeWayMatch.match(invoice, new PurchaseOrder("PO-9", "X", null, "EUR", "CC", order, null),
                List.of(new GoodsReceipt("PO-9", 1, new BigDecimal("8"), DAY),
                        new GoodsReceipt("PO-9", 2, new BigDecimal("4"), DAY)));
        assertThat(r.maxPriceDeviation()).isZero();
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aVagueEarlierLineDoesNotTakeTheOnlyFitOfALaterOne() {
        // Greedy first match would give line 1 ("Toner black") the black toner order line, leaving "Toner black XL"
        // without its line; the assignment pairs each with its own
        List<PurchaseOrder.Line> order = List.of(ordered(1, "Toner black XL", "2", "89.00"),
                ordered(2, "Toner black standard", "3", "59.00"));
        assertThat(paired(List.of(line("Toner black", "3", "59.00"), line("Toner black XL", "2", "89.00")), order))
                .containsExactly(2, 1);
    }

    @Test
    void otherWordsWithTheOrderedPriceAndQuantityStillPair() {
        // The supplier describes the line by its own article number: the ordered unit price and quantity pair it
        List<PurchaseOrder.Line> order = List.of(ordered(1, "Spindle bearing set", "4", "312.50"),
                ordered(2, "Coolant concentrate 20 l", "10", "48.75"));
        assertThat(paired(List.of(line("Art. 4711-SB", "4", "312.50"), line("Coolant concentrate, 20 l", "10",
                "48.75")), order)).containsExactly(1, 2);
        // The price alone is no evidence
        assertThat(paired(List.of(line("Art. 4711-SB", "3", "312.50"), line("Express surcharge", "1", "25.00")),
                order)).containsExactly(0, 0);
    }

    @Test
    void aDeliveryInvoicedInTwoLinesCountsAgainstOneOrderLine() {
        InvoiceToMatch invoice = new InvoiceToMatch("PO-1", null, "EUR", new BigDecimal("1260.00"),
                List.of(line("Printer paper A4 80 g, 1st delivery", "25", "21.90"),
                        line("Printer paper A4 80 g, 2nd delivery", "15", "21.90"),
                        line("Toner cartridge black", "6", "64.00")));
        assertThat(paired(invoice.lines(), ORDER.lines())).containsExactly(1, 1, 2);
        MatchReport r = ThreeWayMatch.match(invoice, ORDER, List.of(
                new GoodsReceipt("PO-1", 1, new BigDecimal("40"), DAY),
                new GoodsReceipt("PO-1", 2, new BigDecimal("6"), DAY)));
        assertThat(r.unmatchedLines()).isZero();
        assertThat(r.maxQuantityExcess()).isZero();
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void theAssignmentIsTheBestOverAllPairings() {
        // Against brute force on random score matrices, square and rectangular both ways
        java.util.Random random = new java.util.Random(4);
        for (int round = 0; round < 300; round++) {
            int rows = 1 + random.nextInt(5);
            int cols = 1 + random.nextInt(5);
            double[][] score = new double[rows][cols];
            for (double[] row : score) {
                for (int j = 0; j < cols; j++) {
                    row[j] = random.nextDouble() < 0.3 ? 0 : Math.round(random.nextDouble() * 100) / 10.0;
                }
            }
            int[] assigned = Assignment.maximise(score);
            java.util.Set<Integer> columns = new java.util.HashSet<>();
            double total = 0;
            for (int i = 0; i < rows; i++) {
                if (assigned[i] >= 0) {
                    assertThat(columns.add(assigned[i])).as("column used twice").isTrue();
                    total += score[i][assigned[i]];
                }
            }
            assertThat(total).as("round " + round).isCloseTo(best(score, 0, new boolean[cols]),
                    org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static double best(double[][] score, int row, boolean[] used) {
        if (row == score.length) {
            return 0;
        }
        double best = best(score, row + 1, used); // this row unassigned
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.max(best, score[row][j] + best(score, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }
}
