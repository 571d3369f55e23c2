package io.stratum.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.intelligence.invoice.InvoiceFields;
import io.stratum.scale.ClusterNodes.Node;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static io.stratum.scale.ClusterNodes.sleep;

/**
 * The scripted people of the invoice and maintenance use cases, working their Tasklist tasks through
 * {@code /engine-rest} on whichever node is up, as the users the tasks are for: {@code analyst} verifies invoices
 * (answering with what the document really says, as a person reading it would) and accepts discrepancies,
 * {@code approver} and {@code approver2} approve (two different people under four-eyes), a {@code dispatcher}
 * confirms the planned visit and reports its outcome. Claim, then submit the form's variables, as Tasklist does.
 * One thread: these tasks are few next to the triage reviews.
 */
final class ClusterBackOffice implements Runnable {

    static final String DISPATCHER = "dispatcher";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEYS = "VerifyInvoice,ResolveDiscrepancy,ApproveInvoice,ConfirmVisit,"
            + "ReportVisitOutcome";

    private final Supplier<List<Node>> live;
    private final AtomicBoolean stop;
    private final ClusterInvoices invoices;
    /** Completed tasks per task definition key. */
    final Map<String, Integer> completed = new ConcurrentHashMap<>();
    /** The last refusal per task definition key (a node's answer to a claim or submit), for failure messages. */
    final Map<String, String> lastRefusal = new ConcurrentHashMap<>();
    private int round;

    ClusterBackOffice(Supplier<List<Node>> live, AtomicBoolean stop, ClusterInvoices invoices) {
        this.live = live;
        this.stop = stop;
        this.invoices = invoices;
    }

    /** The dispatcher is no built-in user: an admin creates one in the {@code dispatchers} group, over REST. */
    static void createDispatcher(Node node) {
        HttpResponse<String> user = node.call("POST", "/engine-rest/user/create", "demo", """
                {"profile": {"id": "dispatcher", "firstName": "Dana", "lastName": "Dispatcher",
                 "email": "dispatcher@stratum.local"}, "credentials": {"password": "dispatcher"}}""");
        HttpResponse<String> member = node.call("PUT", "/engine-rest/group/dispatchers/members/" + DISPATCHER,
                "demo", null);
        if (user == null || user.statusCode() != 204 || member == null || member.statusCode() != 204) {
            throw new AssertionError("dispatcher not created: " + (user == null ? null : user.body()) + " / "
                    + (member == null ? null : member.body()));
        }
    }

    @Override
    public void run() {
        while (!stop.get()) {
            try {
                List<Node> nodes = live.get();
                Node node = nodes.get(round++ % nodes.size());
                HttpResponse<String> tasks = node.call("GET", "/engine-rest/task?taskDefinitionKeyIn=" + KEYS
                        + "&sortBy=created&sortOrder=asc&maxResults=50", "demo", null);
                if (tasks == null || tasks.statusCode() != 200 || JSON.readTree(tasks.body()).isEmpty()) {
                    sleep(500);
                    continue;
                }
                for (JsonNode task : JSON.readTree(tasks.body())) {
                    work(node, task.path("id").asText(), task.path("taskDefinitionKey").asText());
                }
            } catch (Exception e) {
                sleep(300); // a node going away mid-call: the next round asks another
            }
        }
    }

    private void work(Node node, String id, String key) throws Exception {
        String user = switch (key) {
            case "VerifyInvoice", "ResolveDiscrepancy" -> "analyst";
            case "ConfirmVisit", "ReportVisitOutcome" -> DISPATCHER;
            default -> null; // ApproveInvoice: whoever has not approved this invoice yet
        };
        JsonNode variables = variables(node, id, user != null ? user : "demo");
        if (variables == null) {
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        switch (key) {
            case "VerifyInvoice" -> answer.putAll(verified(invoices.truthOf(text(variables, "documentId"))));
            case "ResolveDiscrepancy" -> {
                answer.put("discrepancyDecision", value("accept"));
                answer.put("discrepancyNote", value("agreed with the supplier"));
            }
            case "ApproveInvoice" -> {
                String earlier = text(variables, "approvedBy");
                user = earlier != null && List.of(earlier.split(",\\s*")).contains("approver") ? "approver2"
                        : "approver";
                answer.put("approvalDecision", value("approve"));
            }
            case "ConfirmVisit" -> {
                // The planner's proposal as it stands; without one (no feasible plan) the dispatcher picks someone
                String technician = text(variables, "technicianId");
                String start = text(variables, "visitStart");
                answer.put("technicianId", value(technician != null ? technician
                        : anyTechnician(node, text(variables, "requiredSkill"))));
                answer.put("visitStart", value(start != null ? start
                        : Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString()));
            }
            case "ReportVisitOutcome" -> {
                // The readings are an overstrained spindle
                answer.put("faultFound", value(true));
                answer.put("reportedMode", value("OSF"));
                answer.put("outcomeNote", value("spindle overstrained, tool changed"));
            }
            default -> throw new IllegalStateException(key);
        }
        HttpResponse<String> claim = node.call("POST", "/engine-rest/task/" + id + "/claim", user,
                JSON.writeValueAsString(Map.of("userId", user)));
        if (claim == null || claim.statusCode() != 204) {
            refused(key, "claim as " + user, claim);
            return;
        }
        HttpResponse<String> done = node.call("POST", "/engine-rest/task/" + id + "/submit-form", user,
                JSON.writeValueAsString(Map.of("variables", answer)));
        if (done != null && done.statusCode() == 204) {
            completed.merge(key, 1, Integer::sum);
        } else {
            refused(key, "submit as " + user, done);
        }
    }

    private JsonNode variables(Node node, String id, String user) throws Exception {
        HttpResponse<String> res = node.call("GET", "/engine-rest/task/" + id + "/variables?deserializeValues=false",
                user, null);
        return res == null || res.statusCode() != 200 ? null : JSON.readTree(res.body());
    }

    /** The person's answer: every field as the document says it (the generator's truth), absent ones emptied. */
    private static Map<String, Object> verified(InvoiceFields t) throws Exception {
        Map<String, Object> v = new HashMap<>();
        v.put("invoiceNumber", value(t.invoiceNumber()));
        v.put("issueDate", value(t.issueDate() == null ? null : t.issueDate().toString()));
        v.put("dueDate", value(t.dueDate() == null ? null : t.dueDate().toString()));
        v.put("sellerName", value(t.sellerName()));
        v.put("sellerVatId", value(t.sellerVatId()));
        v.put("sellerIban", value(t.sellerIban()));
        v.put("buyerName", value(t.buyerName()));
        v.put("purchaseOrderRef", value(t.purchaseOrderRef()));
        v.put("currency", value(t.currency()));
        v.put("netAmount", value(t.netAmount() == null ? null : t.netAmount().doubleValue()));
        v.put("taxAmount", value(t.taxAmount() == null ? null : t.taxAmount().doubleValue()));
        v.put("total", value(t.total().doubleValue()));
        v.put("paymentTerms", value(t.paymentTerms()));
        v.put("discountPercent", value(t.discount() == null ? null : t.discount().percent().doubleValue()));
        v.put("discountDays", value(t.discount() == null ? null : t.discount().days()));
        List<Map<String, Object>> lines = t.lines().stream().map(l -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("description", l.description());
            line.put("quantity", l.quantity());
            line.put("unitPrice", l.unitPrice());
            line.put("amount", l.amount());
            return line;
        }).toList();
        v.put("invoiceLines", Map.of("value", JSON.writeValueAsString(lines), "type", "Json"));
        v.put("verifyNote", value("checked against the document"));
        return v;
    }

    private String anyTechnician(Node node, String skill) throws Exception {
        HttpResponse<String> res = node.call("GET", "/api/technicians", DISPATCHER, null);
        if (res != null && res.statusCode() == 200) {
            for (JsonNode t : JSON.readTree(res.body())) {
                if (t.path("available").asBoolean(true) && (skill == null || t.path("skills").toString()
                        .contains("\"" + skill + "\""))) {
                    return t.path("id").asText();
                }
            }
        }
        return null;
    }

    private void refused(String key, String what, HttpResponse<String> res) {
        lastRefusal.put(key, what + ": " + (res == null ? "no answer" : res.statusCode() + " " + res.body()));
    }

    private static Map<String, Object> value(Object v) {
        Map<String, Object> m = new HashMap<>();
        m.put("value", v);
        return m;
    }

    private static String text(JsonNode variables, String name) {
        JsonNode v = variables.path(name).path("value");
        return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
