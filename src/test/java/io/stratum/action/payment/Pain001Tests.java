package io.stratum.action.payment;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pain.001.001.09 message: what it says, and that its schema accepts it and refuses broken variants. */
class Pain001Tests {

    static final Pain001.Transfer TRANSFER = new Pain001.Transfer("S20261126101500-PAY-000001",
            OffsetDateTime.of(2026, 11, 26, 10, 15, 0, 0, ZoneOffset.UTC), "Stratum Demo GmbH",
            "DE89370400440532013000", "COBADEFFXXX", LocalDate.of(2026, 12, 1), "INV-471102",
            new BigDecimal("980.00"), "EUR", "Lieferant GmbH", "DE02120300000000202051", "Invoice INV-471102");

    @Test
    void writesTheCreditTransfer() throws Exception {
        String xml = Pain001.write(TRANSFER);
        Document doc = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        XPath x = XPathFactory.newInstance().newXPath();
        x.setNamespaceContext(new Ns());
        String g = "/p:Document/p:CstmrCdtTrfInitn/p:GrpHdr/";
        String pi = "/p:Document/p:CstmrCdtTrfInitn/p:PmtInf/";
        String tx = pi + "p:CdtTrfTxInf/";
        assertThat(x.evaluate(g + "p:MsgId", doc)).isEqualTo("S20261126101500-PAY-000001");
        assertThat(x.evaluate(g + "p:CreDtTm", doc)).isEqualTo("2026-11-26T10:15:00Z");
        assertThat(x.evaluate(g + "p:NbOfTxs", doc)).isEqualTo("1");
        assertThat(x.evaluate(g + "p:CtrlSum", doc)).isEqualTo("980.00");
        assertThat(x.evaluate(g + "p:InitgPty/p:Nm", doc)).isEqualTo("Stratum Demo GmbH");
        assertThat(x.evaluate(pi + "p:PmtMtd", doc)).isEqualTo("TRF");
        assertThat(x.evaluate(pi + "p:PmtTpInf/p:SvcLvl/p:Cd", doc)).isEqualTo("SEPA");
        assertThat(x.evaluate(pi + "p:ReqdExctnDt/p:Dt", doc)).isEqualTo("2026-12-01");
        assertThat(x.evaluate(pi + "p:DbtrAcct/p:Id/p:IBAN", doc)).isEqualTo("DE89370400440532013000");
        assertThat(x.evaluate(pi + "p:DbtrAgt/p:FinInstnId/p:BICFI", doc)).isEqualTo("COBADEFFXXX");
        assertThat(x.evaluate(pi + "p:ChrgBr", doc)).isEqualTo("SLEV");
        assertThat(x.evaluate(tx + "p:PmtId/p:EndToEndId", doc)).isEqualTo("INV-471102");
        assertThat(x.evaluate(tx + "p:Amt/p:InstdAmt", doc)).isEqualTo("980.00");
        assertThat(x.evaluate(tx + "p:Amt/p:InstdAmt/@Ccy", doc)).isEqualTo("EUR");
        assertThat(x.evaluate(tx + "p:Cdtr/p:Nm", doc)).isEqualTo("Lieferant GmbH");
        assertThat(x.evaluate(tx + "p:CdtrAcct/p:Id/p:IBAN", doc)).isEqualTo("DE02120300000000202051");
        assertThat(x.evaluate(tx + "p:RmtInf/p:Ustrd", doc)).isEqualTo("Invoice INV-471102");
    }

    @Test
    void nonEuroTransfersAreNotSepa() {
        String xml = Pain001.write(new Pain001.Transfer("M1", TRANSFER.createdAt(), "Stratum Demo GmbH",
                "DE89370400440532013000", "COBADEFFXXX", LocalDate.of(2026, 12, 1), "E1", new BigDecimal("12.50"),
                "CHF", "Zürcher Späne AG", "CH9300762011623852957", null));
        assertThat(xml).doesNotContain("SEPA").doesNotContain("RmtInf").contains("<ChrgBr>SHAR</ChrgBr>")
                .contains("Zürcher Späne AG");
    }

    @Test
    void theSchemaRefusesBrokenMessages() {
        String valid = Pain001.write(TRANSFER);
        Pain001.validate(valid);
        List<String> broken = List.of(
                valid.replace("<EndToEndId>INV-471102</EndToEndId>", ""),               // required element missing
                valid.replace("980.00</InstdAmt>", "980.000001</InstdAmt>"),             // more than 5 decimals
                valid.replace("Ccy=\"EUR\"", "Ccy=\"eur\""),                             // currency code pattern
                valid.replace("<BICFI>COBADEFFXXX</BICFI>", "<BICFI>COBA</BICFI>"),      // BIC pattern
                valid.replace("<MsgId>S20261126101500-PAY-000001</MsgId>",
                        "<MsgId>" + "M".repeat(36) + "</MsgId>"),                          // Max35Text
                valid.replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>WIRE</PmtMtd>"),          // code list
                valid.replace("<Dt>2026-12-01</Dt>", "<Dt>01.12.2026</Dt>"),             // ISODate
                valid.replace("<NbOfTxs>1</NbOfTxs><CtrlSum>980.00</CtrlSum><InitgPty>",
                                "<CtrlSum>980.00</CtrlSum><NbOfTxs>1</NbOfTxs><InitgPty>"), // order of elements
                valid.replace("pain.001.001.09", "pain.001.001.03"));                    // other namespace
        for (String xml : broken) {
            assertThat(xml).isNotEqualTo(valid);
            assertThatThrownBy(() -> Pain001.validate(xml)).isInstanceOf(InvalidPain001Exception.class)
                    .hasMessageContaining("line");
        }
    }

    @Test
    void textIsFittedToTheFieldLength() {
        assertThat(Pain001.fit("a\tb  c\n", 140)).isEqualTo("a b c");
        assertThat(Pain001.fit("x".repeat(40), 35)).hasSize(35);
        assertThat(Pain001.fit(null, 35)).isNull();
    }

    private static final class Ns implements NamespaceContext {
        @Override
        public String getNamespaceURI(String prefix) {
            return Pain001.NAMESPACE;
        }

        @Override
        public String getPrefix(String uri) {
            return "p";
        }

        @Override
        public Iterator<String> getPrefixes(String uri) {
            return List.of("p").iterator();
        }
    }
}
