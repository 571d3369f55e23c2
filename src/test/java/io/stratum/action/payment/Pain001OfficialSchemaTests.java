package io.stratum.action.payment;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of pain.001.001.09 Stratum writes, produced the way the product does (real {@link JdbcPayments} on
 * Flyway/H2: plan, execute, stored message), validated twice: against the structure of the official message
 * derived at test time from Prowide's JAXB model of it ({@link DerivedPain001Schema}: names, order, required
 * elements, code lists) and against Stratum's profile XSD with its facets (lengths, patterns, digits).
 */
class Pain001OfficialSchemaTests {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    @TempDir
    static Path dir;
    static DerivedPain001Schema official;
    static JdbcPayments payments;

    @BeforeAll
    static void setUp() throws Exception {
        official = DerivedPain001Schema.derive(dir);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:pain001-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        PaymentSettings settings = new PaymentSettings("Stratum Demo GmbH", "DE75512108001245126199", "COBADEFFXXX",
                30, new BigDecimal("0.08"), "1600 Accounts payable", "1200 Bank", dir.resolve("outbox"));
        payments = new JdbcPayments(JdbcClient.create(ds), new DataSourceTransactionManager(ds),
                settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theDerivedSchemaIsTheStandardsStructure() {
        // Given the schema JAXB wrote from Prowide's model, Then it is the pain.001.001.09 document with its code
        // lists and required elements, not an empty shell that would accept anything
        String main = official.documents.get(Pain001.NAMESPACE);
        assertThat(main).contains("targetNamespace=\"" + Pain001.NAMESPACE + "\"", "name=\"Document\"",
                "name=\"CstmrCdtTrfInitn\"", "name=\"PaymentInstruction30\"", "name=\"CreditTransferTransaction34\"",
                "value=\"TRF\"", "value=\"SLEV\"", "name=\"Ccy\"");
    }

    @Test
    void everyVariantConformsToBothSchemas() {
        // Given payments as the invoice flow plans them: a discount taken (paid early, amount less 3 %), other
        // currencies (USD, GBP, CHF, JPY without decimals), a creditor name past 140 characters, an invoice number
        // past 35 characters (EndToEndId) with the full 140 for the remittance text, characters XML must escape and
        // non-Latin text, control characters, and no invoice number at all
        String longName = "Überlange Lieferanten- und Dienstleistungsgesellschaft für Präzisionsmechanik, "
                + "Oberflächentechnik & Sondermaschinenbau mbH & Co. KG Niederlassung Süd";
        String remittance140 = "RE-2026/11/000042-Teil-B-" + "X".repeat(115);
        List<PaymentInstruction> variants = List.of(
                instruction("discount", "Lieferant GmbH", "DE02120300000000202051", "1190.00", "EUR",
                        "RE-2026-0042", LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 20),
                        new BigDecimal("3"), 14),
                instruction("usd", "Acme Corporation Inc.", "GB29NWBK60161331926819", "15000.5", "USD",
                        "INV 2026-000017", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), null, 0),
                instruction("gbp", longName, "GB33BUKB20201555555555", "0.01", "GBP", remittance140,
                        LocalDate.of(2026, 11, 1), null, null, 0),
                instruction("chf", "Zürcher Späne & Söhne <AG> \"Nord\" 'Süd'", "CH9300762011623852957", "12.50",
                        "CHF", "Rechnung Nr. 7 – Größe ß/øæå € & <Teil>", LocalDate.of(2026, 11, 25),
                        LocalDate.of(2026, 12, 25), new BigDecimal("2"), 10),
                instruction("jpy", "株式会社 東京精機\tTokyo\nSeiki", "FR1420041010050500013M02606", "150000", "JPY",
                        "請求書 2026-88", LocalDate.of(2026, 11, 2), LocalDate.of(2026, 12, 2), null, 0),
                instruction("no-number", "Kleinbetrieb e.K.", "AT611904300234573201", "99.99", "EUR", null,
                        LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 10), new BigDecimal("1.5"), 0));

        Map<String, String> messages = new LinkedHashMap<>();
        for (PaymentInstruction in : variants) {
            ScheduledPayment planned = payments.schedule(in);
            payments.execute(planned.paymentId());
            messages.put(in.invoiceKey(), payments.pain001(planned.paymentId()).orElseThrow());
        }

        // Then each message conforms to the standard's structure and to Stratum's profile with its facets
        List<String> problems = new ArrayList<>();
        messages.forEach((variant, xml) -> {
            String problem = official.problem(xml);
            if (problem != null) {
                problems.add(variant + ": " + problem);
            }
            Pain001.validate(xml);
        });
        assertThat(problems).isEmpty();

        // And the variants are what they claim: discount taken, escaping kept, names and references fitted
        assertThat(messages.get("discount")).contains("<InstdAmt Ccy=\"EUR\">1154.30</InstdAmt>",
                "<Dt>2026-12-04</Dt>", "<Cd>SEPA</Cd>", "<ChrgBr>SLEV</ChrgBr>");
        assertThat(messages.get("usd")).contains("<InstdAmt Ccy=\"USD\">15000.50</InstdAmt>", "<ChrgBr>SHAR</ChrgBr>")
                .doesNotContain("SEPA");
        assertThat(messages.get("gbp")).contains("<Ustrd>" + remittance140 + "</Ustrd>",
                "<EndToEndId>" + remittance140.substring(0, 35) + "</EndToEndId>",
                "<Nm>" + longName.substring(0, 140).replace("&", "&amp;") + "</Nm>");
        assertThat(messages.get("chf")).contains("Zürcher Späne &amp; Söhne &lt;AG&gt;", "€ &amp; &lt;Teil&gt;",
                "<Dt>2026-12-05</Dt>");
        assertThat(messages.get("jpy")).contains("<InstdAmt Ccy=\"JPY\">150000.00</InstdAmt>",
                "<Nm>株式会社 東京精機 Tokyo Seiki</Nm>");
        assertThat(messages.get("no-number")).doesNotContain("RmtInf").containsPattern("<EndToEndId>PAY-\\d{6}<");

        // And Prowide reads each one back with the amount and reference where the standard puts them
        messages.forEach((variant, xml) -> {
            CreditTransferTransaction34 tx = MxPain00100109.parse(xml).getCstmrCdtTrfInitn().getPmtInf().get(0)
                    .getCdtTrfTxInf().get(0);
            assertThat(tx.getAmt().getInstdAmt().getValue()).as(variant).isPositive();
            assertThat(tx.getPmtId().getEndToEndId()).as(variant).isNotBlank();
        });
    }

    @Test
    void theDerivedSchemaRefusesWrongMessages() {
        // Given a valid message, When it is broken the ways a writer goes wrong, Then the standard's structure
        // refuses each one (so the test above can fail)
        String valid = Pain001.write(Pain001Tests.TRANSFER);
        assertThat(official.problem(valid)).isNull();
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("required EndToEndId missing",
                valid.replace("<EndToEndId>INV-471102</EndToEndId>", ""));
        broken.put("required debtor agent missing",
                valid.replaceAll("<DbtrAgt>.*?</DbtrAgt>", ""));
        broken.put("required Ccy attribute missing", valid.replace(" Ccy=\"EUR\"", ""));
        broken.put("NbOfTxs after CtrlSum", valid.replace("<NbOfTxs>1</NbOfTxs><CtrlSum>980.00</CtrlSum><InitgPty>",
                "<CtrlSum>980.00</CtrlSum><NbOfTxs>1</NbOfTxs><InitgPty>"));
        broken.put("Cdtr after CdtrAcct", valid.replaceAll("(<Cdtr>.*?</Cdtr>)(<CdtrAcct>.*?</CdtrAcct>)", "$2$1"));
        broken.put("payment method not in its code list", valid.replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>WIRE</PmtMtd>"));
        broken.put("charge bearer not in its code list", valid.replace("<ChrgBr>SLEV</ChrgBr>", "<ChrgBr>OURS</ChrgBr>"));
        broken.put("amount not a decimal", valid.replace("980.00</InstdAmt>", "980,00</InstdAmt>"));
        broken.put("element the standard does not know", valid.replace("<Ustrd>", "<Memo>x</Memo><Ustrd>"));
        broken.put("other message version", valid.replace("pain.001.001.09", "pain.001.001.03"));
        broken.forEach((what, xml) -> {
            assertThat(xml).as(what).isNotEqualTo(valid);
            assertThat(official.problem(xml)).as(what).isNotNull();
        });
        // The profile's facets catch what JAXB's model cannot express (lengths, patterns)
        String tooLong = valid.replace("<MsgId>S20261126101500-PAY-000001</MsgId>", "<MsgId>" + "M".repeat(36)
                + "</MsgId>");
        assertThat(official.problem(tooLong)).isNull();
        assertThatThrownBy(() -> Pain001.validate(tooLong)).isInstanceOf(InvalidPain001Exception.class);
    }

    private static PaymentInstruction instruction(String key, String creditor, String iban, String amount,
                                                  String currency, String number, LocalDate issued, LocalDate due,
                                                  BigDecimal discount, int discountDays) {
        return new PaymentInstruction(key, creditor, iban, new BigDecimal(amount), currency, number, issued, due,
                discount, discountDays, null);
    }
}
