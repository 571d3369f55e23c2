package io.stratum.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.intelligence.invoice.InvoiceFields;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.stratum.orchestration.InvoiceProcessingProcess.Var.INVOICE_LINES;

/**
 * Line items as the working variable {@code invoiceLines} the verify form's dynamic list edits: a JSON array of
 * {@code {description, quantity, unitPrice, amount}} (Tasklist reads and writes JSON variables as such). Reading it
 * back checks every line and names it on error; an empty row is dropped, a missing amount is quantity × unit price.
 */
final class InvoiceLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InvoiceLines() {
    }

    static JsonValue toVariable(List<InvoiceFields.LineItem> lines) {
        ArrayNode array = JSON.createArrayNode();
        for (InvoiceFields.LineItem l : lines) {
            ObjectNode o = array.addObject();
            o.put("description", l.description());
            o.put("quantity", l.quantity());
            o.put("unitPrice", l.unitPrice());
            o.put("amount", l.amount());
        }
        return SpinValues.jsonValue(array.toString()).create();
    }

    /**
     * The lines in {@code invoiceLines}, or null when the variable is absent.
     *
     * @throws IllegalArgumentException naming the line and column when a value cannot be read
     */
    static List<InvoiceFields.LineItem> read(VariableScope scope) {
        String json = JsonVariables.text(scope.getVariableTyped(INVOICE_LINES));
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(INVOICE_LINES + ": not a list of lines: " + e.getOriginalMessage());
        }
        if (array == null || array.isNull()) {
            return null;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(INVOICE_LINES + ": a list of lines, got " + array.getNodeType());
        }
        List<InvoiceFields.LineItem> lines = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode row = array.get(i);
            String where = INVOICE_LINES + ": line " + (i + 1);
            if (!row.isObject()) {
                throw new IllegalArgumentException(where + ": expected description, quantity, unit price, amount");
            }
            String description = text(row.get("description"));
            BigDecimal quantity = number(row.get("quantity"), where, "quantity");
            BigDecimal unitPrice = number(row.get("unitPrice"), where, "unit price");
            BigDecimal amount = number(row.get("amount"), where, "amount");
            if (description == null && quantity == null && unitPrice == null && amount == null) {
                continue; // a row added and left empty
            }
            if (description == null) {
                throw new IllegalArgumentException(where + ": the description is empty");
            }
            if (amount == null && quantity != null && unitPrice != null) {
                amount = quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
            }
            if (amount == null) {
                throw new IllegalArgumentException(where + " (\"" + description + "\"): the amount is empty");
            }
            lines.add(new InvoiceFields.LineItem(description, quantity, unitPrice, amount));
        }
        return lines;
    }

    /** Each line as comparable text, keyed {@code lines[1]}...: "description | quantity | unit price | amount". */
    static Map<String, String> asText(List<InvoiceFields.LineItem> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceFields.LineItem l = lines.get(i);
            m.put("lines[" + (i + 1) + "]", String.join(" | ", l.description() == null ? "" : l.description().strip(),
                    plain(l.quantity()), plain(l.unitPrice()), plain(l.amount())));
        }
        return m;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String s = node.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static BigDecimal number(JsonNode node, String where, String column) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        String s = node.asText().strip().replace(" ", "");
        if (s.isEmpty()) {
            return null;
        }
        // "4,50" as typed in German; a thousands separator with a decimal point ("1,234.50") as well
        s = s.contains(".") ? s.replace(",", "") : s.replace(',', '.');
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": the " + column + " '" + node.asText() + "' is not a number");
        }
    }

    private static String plain(BigDecimal v) {
        if (v == null) {
            return "";
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }
}
