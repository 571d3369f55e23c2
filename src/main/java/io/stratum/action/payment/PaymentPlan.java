package io.stratum.action.payment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * When and how much to pay: the early-payment discount is taken when its annualised rate beats the cost of capital
 * and its date has not passed. Pure: the same instruction, settings and day give the same plan.
 *
 * @param decision a sentence saying why (shown with the payment)
 */
record PaymentPlan(LocalDate executionDate, BigDecimal amount, BigDecimal discount, String decision) {

    /**
     * Annualised rate of skipping a discount: paying {@code percent} % less for paying {@code daysEarlier} days
     * earlier is like borrowing at {@code d / (1 - d) * 365 / daysEarlier} a year (simple interest).
     */
    static BigDecimal annualisedRate(BigDecimal percent, long daysEarlier) {
        BigDecimal d = percent.movePointLeft(2);
        if (daysEarlier <= 0) {
            return null; // no wait is gained by skipping the discount: it is free money
        }
        return d.divide(BigDecimal.ONE.subtract(d), MathContext.DECIMAL64)
                .multiply(BigDecimal.valueOf(365)).divide(BigDecimal.valueOf(daysEarlier), MathContext.DECIMAL64);
    }

    static PaymentPlan of(PaymentInstruction in, PaymentSettings settings, LocalDate today) {
        validate(in);
        LocalDate due = in.dueDate() != null ? in.dueDate()
                : in.issueDate() != null ? in.issueDate().plusDays(settings.defaultTermDays())
                : today.plusDays(settings.defaultTermDays());
        BigDecimal amount = in.amount().setScale(2, RoundingMode.UNNECESSARY);
        String decision;
        if (in.discountPercent() != null && in.discountPercent().signum() > 0) {
            LocalDate discountDate = in.issueDate().plusDays(in.discountDays());
            BigDecimal rate = annualisedRate(in.discountPercent(), ChronoUnit.DAYS.between(discountDate, due));
            String rateText = rate == null ? "free (due no later than the discount date)"
                    : percent(rate) + " a year";
            if (discountDate.isBefore(today)) {
                decision = "Discount of " + in.discountPercent().stripTrailingZeros().toPlainString()
                        + " % missed: its date " + discountDate + " has passed; paid on the due date";
            } else if (rate == null || rate.compareTo(settings.costOfCapital()) > 0) {
                BigDecimal discount = amount.multiply(in.discountPercent()).movePointLeft(2)
                        .setScale(2, RoundingMode.HALF_UP);
                return new PaymentPlan(discountDate, amount.subtract(discount), discount,
                        "Discount of " + in.discountPercent().stripTrailingZeros().toPlainString() + " % taken: "
                                + rateText + " beats the cost of capital of " + percent(settings.costOfCapital())
                                + "; paid on the discount date " + discountDate);
            } else {
                decision = "Discount of " + in.discountPercent().stripTrailingZeros().toPlainString()
                        + " % not worth it: " + rateText + " does not beat the cost of capital of "
                        + percent(settings.costOfCapital()) + "; paid on the due date";
            }
        } else {
            decision = "No early-payment discount; paid on the due date";
        }
        LocalDate date = due.isBefore(today) ? today : due;
        if (in.dueDate() == null) {
            decision += " (no due date: issue date + " + settings.defaultTermDays() + " days)";
        }
        if (!date.equals(due)) {
            decision += " (due " + due + " has passed: paid at once)";
        }
        return new PaymentPlan(date, amount, BigDecimal.ZERO.setScale(2), decision);
    }

    private static String percent(BigDecimal rate) {
        return rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    /** Input checks with readable messages; the first problem is reported. */
    static void validate(PaymentInstruction in) {
        Objects.requireNonNull(in, "instruction");
        if (blank(in.invoiceKey()) || in.invoiceKey().length() > 200) {
            throw new InvalidPaymentException("invoiceKey", "is required, at most 200 characters");
        }
        if (blank(in.creditorName())) {
            throw new InvalidPaymentException("creditorName", "is required (the seller's name)");
        }
        String ibanProblem = Iban.problem(in.creditorIban());
        if (ibanProblem != null) {
            throw new InvalidPaymentException("creditorIban", ibanProblem);
        }
        if (in.amount() == null || in.amount().signum() <= 0) {
            throw new InvalidPaymentException("amount", "must be greater than 0, was " + in.amount());
        }
        Currency currency = currency(in.currency());
        // The ledger keeps cents: three-decimal currencies are limited to two.
        int digits = Math.min(Math.max(currency.getDefaultFractionDigits(), 0), 2);
        if (in.amount().stripTrailingZeros().scale() > digits) {
            throw new InvalidPaymentException("amount", "has more than " + digits + " decimals for "
                    + currency.getCurrencyCode() + ": " + in.amount().toPlainString());
        }
        if (in.amount().compareTo(new BigDecimal("999999999999999.99")) > 0) {
            throw new InvalidPaymentException("amount", "is too large: " + in.amount().toPlainString());
        }
        if (in.issueDate() != null && in.dueDate() != null && in.dueDate().isBefore(in.issueDate())) {
            throw new InvalidPaymentException("dueDate", "is before the issue date " + in.issueDate());
        }
        if (in.discountPercent() != null) {
            if (in.discountPercent().signum() < 0 || in.discountPercent().compareTo(BigDecimal.valueOf(100)) >= 0) {
                throw new InvalidPaymentException("discountPercent", "must be between 0 and 100, was "
                        + in.discountPercent().toPlainString());
            }
            if (in.discountPercent().signum() > 0 && (in.issueDate() == null || in.discountDays() < 0)) {
                throw new InvalidPaymentException("discountDays",
                        "a discount needs the issue date and the days after it it applies (0 or more)");
            }
        }
        if (in.remittance() != null && in.remittance().length() > 140) {
            throw new InvalidPaymentException("remittance", "at most 140 characters");
        }
    }

    static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new InvalidPaymentException("currency", "must be an ISO 4217 code of 3 capital letters, e.g. EUR,"
                    + " was " + code);
        }
        try {
            return Currency.getInstance(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidPaymentException("currency", "is not an ISO 4217 currency: " + code);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
