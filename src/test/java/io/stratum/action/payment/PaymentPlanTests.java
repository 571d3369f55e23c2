package io.stratum.action.payment;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The discount decision, the execution date and the input checks. */
class PaymentPlanTests {

    static final PaymentSettings SETTINGS = new PaymentSettings("Stratum Demo GmbH", "DE89370400440532013000",
            "COBADEFFXXX", 30, new BigDecimal("0.08"), "1600 Accounts payable", "1200 Bank", Path.of("target/none"));
    static final LocalDate ISSUED = LocalDate.of(2026, 11, 1);
    static final String IBAN = "DE02120300000000202051";

    static PaymentInstruction instruction(String amount, LocalDate due, String discount, int days) {
        return new PaymentInstruction("doc-1", "Lieferant GmbH", IBAN, new BigDecimal(amount), "EUR", "INV-471102",
                ISSUED, due, discount == null ? null : new BigDecimal(discount), days, null);
    }

    @Test
    void annualisedRateOfTheUsualTwoTenNetThirty() {
        // 2 % for paying 20 days earlier: 0.02 / 0.98 * 365 / 20 = 37.24 % a year
        assertThat(PaymentPlan.annualisedRate(new BigDecimal("2"), 20))
                .isCloseTo(new BigDecimal("0.3724"), org.assertj.core.data.Offset.offset(new BigDecimal("0.0001")));
        assertThat(PaymentPlan.annualisedRate(new BigDecimal("2"), 0)).as("no wait gained: free").isNull();
    }

    @Test
    void aDiscountWorthMoreThanTheCostOfCapitalIsTakenOnItsDate() {
        PaymentPlan plan = PaymentPlan.of(instruction("1000.00", ISSUED.plusDays(30), "2", 10), SETTINGS,
                LocalDate.of(2026, 11, 5));
        assertThat(plan.executionDate()).isEqualTo(LocalDate.of(2026, 11, 11));
        assertThat(plan.discount()).isEqualByComparingTo("20.00");
        assertThat(plan.amount()).isEqualByComparingTo("980.00");
        assertThat(plan.decision()).contains("taken", "37.2 % a year", "8.0 %");
    }

    @Test
    void discountRoundsToCents() {
        PaymentPlan plan = PaymentPlan.of(instruction("197.65", ISSUED.plusDays(30), "3", 14), SETTINGS, ISSUED);
        assertThat(plan.discount()).isEqualByComparingTo("5.93"); // 5.9295
        assertThat(plan.amount()).isEqualByComparingTo("191.72");
    }

    @Test
    void aSmallDiscountOverALongTermIsNotWorthIt() {
        // 0.5 % for 80 days earlier: 2.3 % a year, below 8 %
        PaymentPlan plan = PaymentPlan.of(instruction("1000.00", ISSUED.plusDays(90), "0.5", 10), SETTINGS, ISSUED);
        assertThat(plan.executionDate()).isEqualTo(ISSUED.plusDays(90));
        assertThat(plan.amount()).isEqualByComparingTo("1000.00");
        assertThat(plan.discount()).isZero();
        assertThat(plan.decision()).contains("not worth it", "2.3 % a year");
    }

    @Test
    void aPassedDiscountDateMeansTheDueDate() {
        PaymentPlan plan = PaymentPlan.of(instruction("1000.00", ISSUED.plusDays(30), "2", 10), SETTINGS,
                ISSUED.plusDays(11));
        assertThat(plan.executionDate()).isEqualTo(ISSUED.plusDays(30));
        assertThat(plan.amount()).isEqualByComparingTo("1000.00");
        assertThat(plan.decision()).contains("missed");
    }

    @Test
    void theDiscountDateItselfStillCounts() {
        PaymentPlan plan = PaymentPlan.of(instruction("100.00", ISSUED.plusDays(30), "2", 10), SETTINGS,
                ISSUED.plusDays(10));
        assertThat(plan.executionDate()).isEqualTo(ISSUED.plusDays(10));
        assertThat(plan.amount()).isEqualByComparingTo("98.00");
    }

    @Test
    void withoutDueDateTheDefaultTermApplies() {
        PaymentPlan plan = PaymentPlan.of(instruction("50.00", null, null, 0), SETTINGS, ISSUED);
        assertThat(plan.executionDate()).isEqualTo(ISSUED.plusDays(30));
        assertThat(plan.decision()).contains("issue date + 30 days");
    }

    @Test
    void anOverdueInvoiceIsPaidToday() {
        LocalDate today = ISSUED.plusDays(45);
        PaymentPlan plan = PaymentPlan.of(instruction("50.00", ISSUED.plusDays(30), null, 0), SETTINGS, today);
        assertThat(plan.executionDate()).isEqualTo(today);
        assertThat(plan.decision()).contains("has passed");
    }

    @Test
    void ibanChecksum() {
        assertThat(Iban.isValid("DE89 3704 0044 0532 0130 00")).isTrue();
        assertThat(Iban.isValid("GB82WEST12345698765432")).isTrue();
        assertThat(Iban.problem("DE89370400440532013001")).contains("check digits");
        assertThat(Iban.problem("12345")).contains("2 letters");
        assertThat(Iban.problem(null)).isEqualTo("is required");
    }

    @Test
    void badInputIsRefusedWithTheField() {
        assertRefused(new PaymentInstruction("doc", "X", "DE89370400440532013001", BigDecimal.TEN, "EUR", null,
                ISSUED, null, null, 0, null), "creditorIban", "check digits");
        assertRefused(new PaymentInstruction("doc", "X", IBAN, BigDecimal.ZERO, "EUR", null, ISSUED, null, null, 0,
                null), "amount", "greater than 0");
        assertRefused(new PaymentInstruction("doc", "X", IBAN, new BigDecimal("-5"), "EUR", null, ISSUED, null, null,
                0, null), "amount", "greater than 0");
        assertRefused(new PaymentInstruction("doc", "X", IBAN, new BigDecimal("10.001"), "EUR", null, ISSUED, null,
                null, 0, null), "amount", "decimals");
        assertRefused(new PaymentInstruction("doc", "X", IBAN, new BigDecimal("10.5"), "JPY", null, ISSUED, null,
                null, 0, null), "amount", "decimals");
        assertRefused(new PaymentInstruction("doc", "X", IBAN, BigDecimal.TEN, "EURO", null, ISSUED, null, null, 0,
                null), "currency", "ISO 4217");
        assertRefused(new PaymentInstruction("doc", "X", IBAN, BigDecimal.TEN, "XYZ", null, ISSUED, null, null, 0,
                null), "currency", "not an ISO 4217 currency");
        assertRefused(new PaymentInstruction("doc", " ", IBAN, BigDecimal.TEN, "EUR", null, ISSUED, null, null, 0,
                null), "creditorName", "required");
        assertRefused(new PaymentInstruction("doc", "X", IBAN, BigDecimal.TEN, "EUR", null, ISSUED,
                ISSUED.minusDays(1), null, 0, null), "dueDate", "before the issue date");
        assertRefused(new PaymentInstruction("doc", "X", IBAN, BigDecimal.TEN, "EUR", null, null, null,
                new BigDecimal("2"), 10, null), "discountDays", "issue date");
    }

    private static void assertRefused(PaymentInstruction in, String field, String message) {
        assertThatThrownBy(() -> PaymentPlan.of(in, SETTINGS, ISSUED))
                .isInstanceOfSatisfying(InvalidPaymentException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
