package io.stratum.intelligence.invoice;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * Settings of invoice extraction ({@code stratum.intelligence.invoice.*}).
 *
 * @param useEmbeddedXml    read the EN 16931 XML a PDF carries instead of its text (the XML is the invoice)
 * @param bootstrapInvoices generated invoices the field model learns from at first start
 * @param epochs            training passes over them
 * @param noise             share of them read with OCR-like character noise
 * @param seed              generator and training seed
 * @param vendorMemoryDir   where verified vendor layouts are kept
 */
@Validated
@ConfigurationProperties("stratum.intelligence.invoice")
public record InvoiceSettings(boolean useEmbeddedXml, @Min(20) int bootstrapInvoices, @Min(1) int epochs,
                              @DecimalMin("0.0") @DecimalMax("1.0") double noise, long seed,
                              @NotNull Path vendorMemoryDir) {

    public InvoiceModelTrainer.Config training() {
        return new InvoiceModelTrainer.Config(bootstrapInvoices, epochs, noise, seed);
    }
}
