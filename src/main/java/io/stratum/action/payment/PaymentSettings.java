package io.stratum.action.payment;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * Settings of payments ({@code stratum.action.payment.*}).
 *
 * @param debtorName          our name as debtor and initiating party in pain.001
 * @param debtorIban          the account payments are made from
 * @param debtorBic           its bank (pain.001.001.09 requires the debtor agent)
 * @param defaultTermDays     days after the issue date an invoice without due date is paid
 * @param costOfCapital       annual rate money costs us; an early-payment discount is taken when its annualised
 *                            rate is higher
 * @param payableAccount      ledger account debited (the liability is settled)
 * @param bankAccount         ledger account credited (money leaves the bank)
 * @param outbox              where pain.001 files are written for the bank channel, one per message
 */
@Validated
@ConfigurationProperties("stratum.action.payment")
public record PaymentSettings(@NotBlank @Size(max = 140) @DefaultValue("Stratum Demo GmbH") String debtorName,
                              @NotBlank @DefaultValue("DE89370400440532013000") String debtorIban,
                              @NotBlank @Pattern(regexp = "[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?")
                              @DefaultValue("COBADEFFXXX") String debtorBic,
                              @Min(0) @Max(365) @DefaultValue("30") int defaultTermDays,
                              @NotNull @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.08")
                              BigDecimal costOfCapital,
                              @NotBlank @DefaultValue("1600 Accounts payable") String payableAccount,
                              @NotBlank @DefaultValue("1200 Bank") String bankAccount,
                              @NotNull @DefaultValue("./data/payments/outbox") Path outbox) {

    public PaymentSettings {
        if (!Iban.isValid(debtorIban)) {
            throw new IllegalArgumentException("stratum.action.payment.debtor-iban is not a valid IBAN: " + debtorIban);
        }
        debtorIban = Iban.normalise(debtorIban);
    }
}
