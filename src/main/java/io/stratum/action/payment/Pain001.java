package io.stratum.action.payment;

import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URL;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * ISO 20022 pain.001.001.09 (customer credit transfer initiation): one message, one payment information block, one
 * credit transfer. Written with StAX and validated against Stratum's schema profile before anyone sees it.
 */
final class Pain001 {

    static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
    static final String SCHEMA = "/action/payment/pain.001.001.09-stratum.xsd";

    private static final Schema COMPILED = compile();

    /** One credit transfer as it goes into the message. */
    record Transfer(String messageId, OffsetDateTime createdAt, String debtorName, String debtorIban,
                    String debtorBic, LocalDate executionDate, String endToEndId, BigDecimal amount, String currency,
                    String creditorName, String creditorIban, String remittance) {
    }

    private Pain001() {
    }

    /** The message text, already validated. */
    static String write(Transfer t) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("Document");
            x.writeDefaultNamespace(NAMESPACE);
            x.writeStartElement("CstmrCdtTrfInitn");
            x.writeStartElement("GrpHdr");
            text(x, "MsgId", t.messageId());
            text(x, "CreDtTm", t.createdAt().truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            text(x, "NbOfTxs", "1");
            text(x, "CtrlSum", t.amount().toPlainString());
            party(x, "InitgPty", t.debtorName());
            x.writeEndElement();

            x.writeStartElement("PmtInf");
            text(x, "PmtInfId", t.messageId());
            text(x, "PmtMtd", "TRF");
            text(x, "BtchBookg", "false");
            text(x, "NbOfTxs", "1");
            text(x, "CtrlSum", t.amount().toPlainString());
            if ("EUR".equals(t.currency())) {
                // A euro transfer between IBANs goes the SEPA way (and with SLEV charges, as SEPA requires).
                x.writeStartElement("PmtTpInf");
                x.writeStartElement("SvcLvl");
                text(x, "Cd", "SEPA");
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeStartElement("ReqdExctnDt");
            text(x, "Dt", t.executionDate().toString());
            x.writeEndElement();
            party(x, "Dbtr", t.debtorName());
            account(x, "DbtrAcct", t.debtorIban());
            x.writeStartElement("DbtrAgt");
            x.writeStartElement("FinInstnId");
            text(x, "BICFI", t.debtorBic());
            x.writeEndElement();
            x.writeEndElement();
            text(x, "ChrgBr", "EUR".equals(t.currency()) ? "SLEV" : "SHAR");

            x.writeStartElement("CdtTrfTxInf");
            x.writeStartElement("PmtId");
            text(x, "EndToEndId", t.endToEndId());
            x.writeEndElement();
            x.writeStartElement("Amt");
            x.writeStartElement("InstdAmt");
            x.writeAttribute("Ccy", t.currency());
            x.writeCharacters(t.amount().toPlainString());
            x.writeEndElement();
            x.writeEndElement();
            party(x, "Cdtr", t.creditorName());
            account(x, "CdtrAcct", t.creditorIban());
            if (t.remittance() != null && !t.remittance().isBlank()) {
                x.writeStartElement("RmtInf");
                text(x, "Ustrd", t.remittance());
                x.writeEndElement();
            }
            x.writeEndElement(); // CdtTrfTxInf
            x.writeEndElement(); // PmtInf
            x.writeEndElement(); // CstmrCdtTrfInitn
            x.writeEndElement(); // Document
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("pain.001 could not be written: " + e.getMessage(), e);
        }
        String xml = out.toString();
        validate(xml);
        return xml;
    }

    /** @throws InvalidPain001Exception naming line, column and the schema's complaint */
    static void validate(String xml) {
        Validator validator = COMPILED.newValidator();
        try {
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (org.xml.sax.SAXParseException e) {
            throw new InvalidPain001Exception("pain.001 does not conform to its schema at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new InvalidPain001Exception("pain.001 could not be validated: " + e.getMessage(), e);
        }
    }

    /** ISO 20022 text fields hold at most {@code max} characters and no control characters. */
    static String fit(String s, int max) {
        if (s == null) {
            return null;
        }
        String clean = s.replaceAll("\\p{Cntrl}", " ").strip().replaceAll(" {2,}", " ");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    private static void party(XMLStreamWriter x, String element, String name) throws XMLStreamException {
        x.writeStartElement(element);
        text(x, "Nm", name);
        x.writeEndElement();
    }

    private static void account(XMLStreamWriter x, String element, String iban) throws XMLStreamException {
        x.writeStartElement(element);
        x.writeStartElement("Id");
        text(x, "IBAN", iban);
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void text(XMLStreamWriter x, String element, String value) throws XMLStreamException {
        x.writeStartElement(element);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private static Schema compile() {
        URL xsd = Pain001.class.getResource(SCHEMA);
        if (xsd == null) {
            throw new IllegalStateException("pain.001 schema missing from the classpath: " + SCHEMA);
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            // The schema is ours and self-contained: no external fetches.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("pain.001 schema does not compile: " + e.getMessage(), e);
        }
    }
}
