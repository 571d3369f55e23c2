package io.stratum.intelligence.invoice;

import io.stratum.intelligence.document.UnreadableDocumentException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an EN 16931 invoice in the UN/CEFACT Cross Industry Invoice syntax (ZUGFeRD 2.x, Factur-X, XRechnung CII)
 * into {@link InvoiceFields}. The XML is the invoice by law, so every field found has confidence 1. Elements are
 * matched by local name: the profiles differ in namespace prefixes, never in the element names used here.
 */
public final class CrossIndustryInvoice {

    public static final String SOURCE = "embedded-xml";
    private static final Pattern SKONTO = Pattern.compile("#SKONTO#TAGE=(\\d+)#PROZENT=([0-9.]+)#");

    private CrossIndustryInvoice() {
    }

    /** True when the bytes look like a CII document (root element CrossIndustryInvoice). */
    public static boolean isCii(byte[] xml) {
        try {
            return "CrossIndustryInvoice".equals(parse(xml).getLocalName());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a CII invoice */
    public static InvoiceFields read(byte[] xml) {
        Element root = parse(xml);
        if (!"CrossIndustryInvoice".equals(root.getLocalName())) {
            throw new IllegalArgumentException("not a Cross Industry Invoice: root element " + root.getLocalName());
        }
        Element doc = first(root, "ExchangedDocument");
        Element tx = first(root, "SupplyChainTradeTransaction");
        Element agreement = first(tx, "ApplicableHeaderTradeAgreement");
        Element settlement = first(tx, "ApplicableHeaderTradeSettlement");
        Element seller = first(agreement, "SellerTradeParty");
        Element sums = first(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation");
        String currency = text(first(settlement, "InvoiceCurrencyCode"));

        String vatId = null;
        for (Element reg : children(seller, "SpecifiedTaxRegistration")) {
            Element id = first(reg, "ID");
            if (id != null && ("VA".equals(id.getAttribute("schemeID")) || vatId == null)) {
                vatId = text(id);
            }
        }
        String iban = null;
        for (Element means : children(settlement, "SpecifiedTradeSettlementPaymentMeans")) {
            String found = text(first(first(means, "PayeePartyCreditorFinancialAccount"), "IBANID"));
            if (iban == null) {
                iban = found;
            }
        }
        LocalDate due = null;
        String terms = null;
        InvoiceFields.Discount discount = null;
        for (Element t : children(settlement, "SpecifiedTradePaymentTerms")) {
            if (due == null) {
                due = date(first(first(t, "DueDateDateTime"), "DateTimeString"));
            }
            String description = text(first(t, "Description"));
            if (description != null && terms == null) {
                terms = description.strip();
            }
            Element discountTerms = first(t, "ApplicableTradePaymentDiscountTerms");
            if (discount == null && discountTerms != null) {
                BigDecimal percent = amount(first(discountTerms, "CalculationPercent"));
                BigDecimal days = amount(first(discountTerms, "BasisPeriodMeasure"));
                if (percent != null && days != null) {
                    discount = new InvoiceFields.Discount(percent, wholeDays(days, "BasisPeriodMeasure"));
                }
            }
            Matcher m = description == null ? null : SKONTO.matcher(description);
            if (discount == null && m != null && m.find()) {
                discount = new InvoiceFields.Discount(number(m.group(2), "SKONTO PROZENT"),
                        wholeDays(number(m.group(1), "SKONTO TAGE"), "SKONTO TAGE"));
            }
        }

        List<InvoiceFields.LineItem> lines = new ArrayList<>();
        for (Element item : children(tx, "IncludedSupplyChainTradeLineItem")) {
            lines.add(new InvoiceFields.LineItem(
                    text(first(first(item, "SpecifiedTradeProduct"), "Name")),
                    amount(first(first(item, "SpecifiedLineTradeDelivery"), "BilledQuantity")),
                    amount(first(first(first(item, "SpecifiedLineTradeAgreement"), "NetPriceProductTradePrice"),
                            "ChargeAmount")),
                    amount(first(first(first(item, "SpecifiedLineTradeSettlement"),
                            "SpecifiedTradeSettlementLineMonetarySummation"), "LineTotalAmount"))));
        }

        Map<String, Object> values = new HashMap<>();
        values.put("invoiceNumber", text(first(doc, "ID")));
        values.put("issueDate", date(first(first(doc, "IssueDateTime"), "DateTimeString")));
        values.put("dueDate", due);
        values.put("sellerName", text(first(seller, "Name")));
        values.put("sellerVatId", vatId);
        values.put("sellerIban", iban);
        values.put("buyerName", text(first(first(agreement, "BuyerTradeParty"), "Name")));
        values.put("purchaseOrderRef", text(first(first(agreement, "BuyerOrderReferencedDocument"), "IssuerAssignedID")));
        values.put("currency", currency);
        values.put("netAmount", amount(first(sums, "TaxBasisTotalAmount")));
        values.put("taxAmount", taxTotal(sums, currency));
        values.put("total", amount(first(sums, "GrandTotalAmount")));
        values.put("paymentTerms", terms);
        values.put("discount", discount);
        Map<String, Double> confidence = new HashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                confidence.put(k, 1.0);
            }
        });
        if (!lines.isEmpty()) {
            confidence.put("lines", 1.0);
        }
        return new InvoiceFields((String) values.get("invoiceNumber"), (LocalDate) values.get("issueDate"), due,
                (String) values.get("sellerName"), vatId, iban, (String) values.get("buyerName"),
                (String) values.get("purchaseOrderRef"), currency, (BigDecimal) values.get("netAmount"),
                (BigDecimal) values.get("taxAmount"), (BigDecimal) values.get("total"), terms, discount, lines,
                confidence, SOURCE);
    }

    /** The tax total may be given twice (invoice and accounting currency): take the invoice currency's. */
    private static BigDecimal taxTotal(Element sums, String currency) {
        List<Element> all = children(sums, "TaxTotalAmount");
        for (Element e : all) {
            if (currency != null && currency.equals(e.getAttribute("currencyID"))) {
                return amount(e);
            }
        }
        return all.isEmpty() ? null : amount(all.get(0));
    }

    private static Element parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("unreadable invoice XML: " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element first(Element parent, String localName) {
        List<Element> c = children(parent, localName);
        return c.isEmpty() ? null : c.get(0);
    }

    private static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent();
        return t == null || t.isBlank() ? null : t.strip();
    }

    private static BigDecimal amount(Element e) {
        String t = text(e);
        return t == null ? null : number(t, e.getLocalName());
    }

    /** A decimal as the XML writes it (EN 16931: a point, no grouping); anything else makes the XML unreadable. */
    private static BigDecimal number(String t, String field) {
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new UnreadableDocumentException("The embedded invoice XML's " + field + " '" + excerpt(t)
                    + "' is not a number (EN 16931 writes 1234.56)", e);
        }
    }

    private static int wholeDays(BigDecimal days, String field) {
        try {
            return days.intValueExact();
        } catch (ArithmeticException e) {
            throw new UnreadableDocumentException("The embedded invoice XML's " + field + " '" + days.toPlainString()
                    + "' is not a whole number of days", e);
        }
    }

    /** Format 102 (yyyyMMdd) is what EN 16931 prescribes; anything else is left out rather than guessed. */
    private static LocalDate date(Element e) {
        String t = text(e);
        if (t == null || !t.matches("\\d{8}")) {
            return null;
        }
        try {
            return LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException ex) {
            throw new UnreadableDocumentException("The embedded invoice XML's " + e.getLocalName() + " '" + t
                    + "' is not a date (format 102: yyyyMMdd)", ex);
        }
    }

    private static String excerpt(String t) {
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
