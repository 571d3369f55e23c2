package io.stratum.intelligence.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CrossIndustryInvoiceTests {

    static final String MINIMAL = """
                <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
                    xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
                    xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
                  <rsm:ExchangedDocument><ram:ID>A-1</ram:ID>
                    <ram:IssueDateTime><udt:DateTimeString format="102">20260102</udt:DateTimeString></ram:IssueDateTime>
                  </rsm:ExchangedDocument>
                  <rsm:SupplyChainTradeTransaction>
                    <ram:ApplicableHeaderTradeAgreement><ram:SellerTradeParty><ram:Name>S</ram:Name></ram:SellerTradeParty>
                    </ram:ApplicableHeaderTradeAgreement>
                    <ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
                      <ram:SpecifiedTradePaymentTerms><ram:Description>#SKONTO#TAGE=10#PROZENT=2.00#</ram:Description>
                      </ram:SpecifiedTradePaymentTerms>
                      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                        <ram:GrandTotalAmount>11.90</ram:GrandTotalAmount>
                      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                    </ram:ApplicableHeaderTradeSettlement>
                  </rsm:SupplyChainTradeTransaction>
                </rsm:CrossIndustryInvoice>""";

    @Test
    void aMalformedAmountDateOrDiscountNamesTheElementInsteadOfFailingObscurely() {
        assertThatThrownBy(() -> CrossIndustryInvoice.read(MINIMAL.replace("11.90", "1.234,56")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(io.stratum.intelligence.document.UnreadableDocumentException.class)
                .hasMessageContaining("GrandTotalAmount '1.234,56' is not a number");
        assertThatThrownBy(() -> CrossIndustryInvoice.read(MINIMAL.replace("20260102", "20261399")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(io.stratum.intelligence.document.UnreadableDocumentException.class)
                .hasMessageContaining("DateTimeString '20261399' is not a date");
        assertThatThrownBy(() -> CrossIndustryInvoice.read(MINIMAL.replace("TAGE=10", "TAGE=99999999999")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(io.stratum.intelligence.document.UnreadableDocumentException.class)
                .hasMessageContaining("SKONTO TAGE '99999999999' is not a whole number of days");
    }

    @Test
    void everyEmbeddedXmlOfTheEInvoiceCorpusMatchesItsGroundTruth() throws Exception {
        assumeTrue(EInvoiceCorpus.present(), "ZUGFeRD corpus not on this machine");
        JsonNode truth = new ObjectMapper().readTree(EInvoiceCorpus.dir().resolve("ground_truth.derived.json").toFile());
        assertThat(truth.size()).isEqualTo(26);
        for (JsonNode t : truth) {
            String file = t.get("file").asText();
            Path xml = EInvoiceCorpus.dir().resolve("embedded_xml").resolve(file.replace(".pdf", ".embedded.xml"));
            InvoiceFields f = CrossIndustryInvoice.read(Files.readAllBytes(xml));
            String why = file;
            assertThat(f.source()).isEqualTo("embedded-xml");
            assertThat(f.invoiceNumber()).as(why).isEqualTo(t.get("invoice_number").asText());
            assertThat(f.issueDate()).as(why).hasToString(t.get("issue_date").asText());
            assertThat(f.sellerName()).as(why).isEqualTo(t.get("seller_name").asText());
            assertThat(f.sellerVatId()).as(why).isEqualTo(text(t, "seller_vat_id"));
            assertThat(f.buyerName()).as(why).isEqualTo(text(t, "buyer_name"));
            assertThat(f.purchaseOrderRef()).as(why).isEqualTo(text(t, "purchase_order_ref"));
            assertThat(f.currency()).as(why).isEqualTo(t.get("currency").asText());
            assertThat(f.dueDate() == null ? null : f.dueDate().toString()).as(why).isEqualTo(text(t, "due_date"));
            assertSame(why + " net", f.netAmount(), t.get("tax_basis_total"));
            assertSame(why + " tax", f.taxAmount(), t.get("tax_total"));
            assertSame(why + " total", f.total(), t.get("grand_total"));
            assertThat(f.lines()).as(why).hasSize(t.get("line_count").asInt());
            for (int i = 0; i < f.lines().size(); i++) {
                JsonNode line = t.get("lines").get(i);
                InvoiceFields.LineItem item = f.lines().get(i);
                assertThat(item.description()).as(why).isEqualTo(line.get("name").asText());
                assertSame(why + " qty", item.quantity(), line.get("quantity"));
                assertSame(why + " price", item.unitPrice(), line.get("net_price"));
                assertSame(why + " line", item.amount(), line.get("line_total"));
            }
            assertThat(f.confidence()).containsEntry("invoiceNumber", 1.0).containsEntry("total", 1.0);
        }
    }

    @Test
    void readsTheEarlyPaymentDiscountAndRejectsOtherXml() {
        String xml = MINIMAL;
        InvoiceFields f = CrossIndustryInvoice.read(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(f.discount()).isEqualTo(new InvoiceFields.Discount(new BigDecimal("2.00"), 10));
        assertThat(f.total()).isEqualByComparingTo("11.90");
        assertThat(f.confidence()).doesNotContainKey("netAmount");
        assertThat(CrossIndustryInvoice.isCii("<Invoice/>".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThatThrownBy(() -> CrossIndustryInvoice.read("<Invoice/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invoice");
    }

    private static String text(JsonNode t, String field) {
        JsonNode v = t.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void assertSame(String why, BigDecimal actual, JsonNode expected) {
        if (expected == null || expected.isNull()) {
            assertThat(actual).as(why).isNull();
        } else {
            assertThat(actual).as(why).isEqualByComparingTo(expected.asText());
        }
    }
}
