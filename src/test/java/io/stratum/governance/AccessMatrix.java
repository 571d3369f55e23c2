package io.stratum.governance;

import io.stratum.ServerCalls;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may pass which door: every role, and anonymous, against every endpoint family. One table for both identity
 * modes (built-in users with HTTP Basic, Keycloak with bearer tokens), so the modes cannot drift apart; each mode's
 * test class only says how a user authenticates.
 * <ul>
 * <li>{@code ok}: through the door (2xx, or a business answer such as 404 or 409, never 401/403/5xx)</li>
 * <li>{@code hidden}: 200, but Camunda's authorizations filter the records away (empty list)</li>
 * <li>{@code 403}: refused (a problem; Camunda's REST API answers with its own AuthorizationException JSON);
 * {@code 401}: not signed in (a problem); {@code 404}: Camunda hides what the caller may not even read</li>
 * </ul>
 */
abstract class AccessMatrix {

    /** The users: one per role (demo = admin and model owner), "-" = anonymous. */
    static final String[] USERS = {"-", "demo", "analyst", "approver", "auditor", "dispatcher", "owner", "lead"};

    static final String TABLE = """
            door                      -    demo  analyst  approver  auditor  dispatcher  owner   lead
            deploy                    401  ok    ok       403       403      403         403     403
            start-process             401  ok    ok       403       403      403         403     404
            submit-inquiry            401  ok    ok       ok        ok       ok          ok      ok
            approver-task-list        401  ok    hidden   ok        ok       hidden      hidden  hidden
            complete-approver-task    401  ok    403      ok        403      403         403     403
            complete-dispatcher-task  401  ok    403      403       403      ok          403     403
            complete-promotion-task   401  ok    403      403       403      403         ok      403
            history                   401  ok    ok       hidden    ok       hidden      hidden  hidden
            history-search            401  ok    403      403       ok       403         403     403
            audit-verify              401  ok    403      403       ok       403         403     403
            audit-bias                401  ok    403      403       ok       403         403     ok
            dashboard                 401  ok    403      403       ok       403         403     ok
            audit-decisions           401  ok    403      403       ok       403         403     403
            feedback                  401  ok    403      403       ok       403         403     403
            models                    401  ok    ok       ok        ok       ok          ok      ok
            retrain-model             401  ok    403      403       403      403         ok      403
            import-examples           401  ok    403      403       403      403         ok      403
            customer                  401  ok    ok       ok        ok       ok          ok      ok
            import-customers          401  ok    ok       403       403      403         403     403
            ticket                    401  ok    ok       ok        ok       ok          ok      ok
            purchase-order            401  ok    ok       ok        ok       403         403     403
            import-purchase-orders    401  ok    ok       403       403      403         403     403
            import-goods-receipts     401  ok    ok       403       403      403         403     403
            payment                   401  ok    ok       ok        ok       403         403     403
            record                    401  ok    ok       403       ok       403         403     403
            outbox                    401  ok    403      403       ok       403         403     403
            inbox                     401  ok    403      403       ok       403         403     403
            metrics                   401  ok    403      403       ok       403         403     403
            grant-authorization       401  ok    403      403       403      403         403     403
            upload-invoice            401  ok    ok       ok        403      403         403     403
            document                  401  ok    ok       ok        ok       403         403     403
            """;

    @Autowired
    TestRestTemplate http;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;

    /** How {@code user} authenticates in this mode. */
    abstract void authenticate(HttpHeaders headers, String user);

    /** Makes sure every user of {@link #USERS} exists in this mode's identity. */
    abstract void ensureUsers();

    @BeforeEach
    void prepare() {
        ensureUsers();
        if (repository.createProcessDefinitionQuery().processDefinitionKey("accessTask").count() == 0) {
            repository.createDeployment().name("access-matrix")
                    .addModelInstance("access-task.bpmn", Bpmn.createExecutableProcess("accessTask")
                            .camundaHistoryTimeToLive(1).startEvent().userTask("work")
                            .camundaCandidateGroups("${group}").endEvent().done())
                    .addModelInstance("access-check.bpmn", Bpmn.createExecutableProcess("accessCheck")
                            .camundaHistoryTimeToLive(1).startEvent().endEvent().done())
                    .deploy();
            runtime.startProcessInstanceByKey("accessCheck");
            // One approvers' task stays open, so that the task list has something to show or hide.
            runtime.startProcessInstanceByKey("accessTask", Map.of("group", Roles.APPROVERS));
        }
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        String[] lines = TABLE.strip().split("\n");
        List<String> header = Arrays.asList(lines[0].trim().split("\\s+"));
        assertThat(header.subList(1, header.size())).containsExactly(USERS);
        for (int i = 1; i < lines.length; i++) {
            String[] cols = lines[i].trim().split("\\s+");
            assertThat(DOORS).as("door " + cols[0]).containsKey(cols[0]);
            for (int u = 0; u < USERS.length; u++) {
                cells.add(Arguments.of(cols[0], USERS[u], cols[u + 1]));
            }
        }
        assertThat(lines.length - 1).as("every door has a row").isEqualTo(DOORS.size());
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("cells")
    void door(String door, String user, String expected) {
        ResponseEntity<String> res = DOORS.get(door).apply(this, user);
        int status = res.getStatusCode().value();
        String what = door + " as " + user + " -> " + status + " " + res.getBody();
        switch (expected) {
            case "ok" -> assertThat(status).as(what).isNotIn(401, 403).isLessThan(500);
            case "hidden" -> {
                assertThat(status).as(what).isEqualTo(200);
                assertThat(ServerCalls.parse(res.getBody()).size()).as(what).isZero();
            }
            case "401", "403", "404" -> {
                assertThat(status).as(what).isEqualTo(Integer.parseInt(expected));
                boolean camundaRefusal = status == 403
                        && ServerCalls.parse(res.getBody()).path("type").asText().equals("AuthorizationException");
                if (status != 404 && !camundaRefusal) {
                    assertThat(res.getHeaders().getContentType()).as(what)
                            .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                }
            }
            default -> throw new IllegalArgumentException("Unknown expectation " + expected);
        }
        if (expected.equals("ok") && LISTS.contains(door)) {
            assertThat(ServerCalls.parse(res.getBody()).size()).as(what + ": sees the records").isPositive();
        }
    }

    /** Doors that answer with a list: "ok" there also means the records are visible. */
    private static final Set<String> LISTS = Set.of("approver-task-list", "history");

    private static final Map<String, BiFunction<AccessMatrix, String, ResponseEntity<String>>> DOORS =
            new LinkedHashMap<>();

    static {
        DOORS.put("deploy", (m, u) -> m.deploy(u));
        DOORS.put("start-process", (m, u) -> m.call(u, HttpMethod.POST,
                "/engine-rest/process-definition/key/accessCheck/start", "{}", MediaType.APPLICATION_JSON));
        DOORS.put("submit-inquiry", (m, u) -> m.call(u, HttpMethod.POST, "/api/inquiries", """
                {"channel":"web","from":"access@example.com","subject":"Access check",
                 "body":"I cannot log in to my account since this morning."}""", MediaType.APPLICATION_JSON));
        DOORS.put("approver-task-list", (m, u) -> m.call(u, HttpMethod.GET,
                "/engine-rest/task?processDefinitionKey=accessTask&candidateGroup=approvers", null, null));
        DOORS.put("complete-approver-task", (m, u) -> m.complete(u, Roles.APPROVERS));
        DOORS.put("complete-dispatcher-task", (m, u) -> m.complete(u, Roles.DISPATCHERS));
        DOORS.put("complete-promotion-task", (m, u) -> m.complete(u, Roles.MODEL_OWNERS));
        DOORS.put("history", (m, u) -> m.call(u, HttpMethod.GET,
                "/engine-rest/history/process-instance?processDefinitionKey=accessCheck", null, null));
        DOORS.put("history-search", (m, u) -> m.call(u, HttpMethod.GET,
                "/api/history/instances?process=accessCheck", null, null));
        DOORS.put("audit-bias", (m, u) -> m.call(u, HttpMethod.GET, "/api/audit/bias", null, null));
        DOORS.put("dashboard", (m, u) -> m.call(u, HttpMethod.GET, "/api/insight/work", null, null));
        DOORS.put("audit-verify", (m, u) -> m.call(u, HttpMethod.GET, "/api/audit/verify", null, null));
        DOORS.put("audit-decisions", (m, u) -> m.call(u, HttpMethod.GET,
                "/api/audit/decisions?processInstanceId=none", null, null));
        DOORS.put("feedback", (m, u) -> m.call(u, HttpMethod.GET, "/api/feedback?model=support-topic", null, null));
        DOORS.put("models", (m, u) -> m.call(u, HttpMethod.GET, "/api/models", null, null));
        DOORS.put("retrain-model", (m, u) -> m.call(u, HttpMethod.POST, "/api/models/support-topic/retrain", "{}",
                MediaType.APPLICATION_JSON));
        // An empty import: the door is what matters here, not the examples.
        DOORS.put("import-examples", (m, u) -> m.call(u, HttpMethod.POST, "/api/models/no-such-model/examples",
                "text,label\n", MediaType.parseMediaType("text/csv")));
        DOORS.put("customer", (m, u) -> m.call(u, HttpMethod.GET, "/api/customers/no-such-customer", null, null));
        DOORS.put("import-customers", (m, u) -> m.call(u, HttpMethod.POST, "/api/customers/import",
                "id,name,emailDomain,tier,contractValue\nC-9002,Matrix Ltd,matrix.example,silver,1000\n",
                MediaType.parseMediaType("text/csv")));
        DOORS.put("purchase-order", (m, u) -> m.call(u, HttpMethod.GET, "/api/purchase-orders/B123456789", null,
                null));
        DOORS.put("import-purchase-orders", (m, u) -> m.call(u, HttpMethod.POST, "/api/purchase-orders/import",
                "orderNumber,supplierName,supplierVatId,currency,costCentre,line,description,quantity,unitPrice\n"
                        + "PO-MATRIX-1,Matrix Supplies Ltd,,EUR,CC-1,1,Access cards,10,2.50\n",
                MediaType.parseMediaType("text/csv")));
        // An empty import (header only): the door is what matters here.
        DOORS.put("import-goods-receipts", (m, u) -> m.call(u, HttpMethod.POST, "/api/goods-receipts/import",
                "receiptId,orderNumber,line,quantity,receivedOn\n", MediaType.parseMediaType("text/csv")));
        DOORS.put("payment", (m, u) -> m.call(u, HttpMethod.GET, "/api/payments/PAY-NONE", null, null));
        DOORS.put("ticket", (m, u) -> m.call(u, HttpMethod.GET, "/api/tickets/no-such-ticket", null, null));
        DOORS.put("record", (m, u) -> m.call(u, HttpMethod.GET, "/api/records/asset-risk/no-such-key", null, null));
        DOORS.put("outbox", (m, u) -> m.call(u, HttpMethod.GET, "/api/outbox", null, null));
        DOORS.put("inbox", (m, u) -> m.call(u, HttpMethod.GET, "/api/inbox", null, null));
        DOORS.put("metrics", (m, u) -> m.call(u, HttpMethod.GET, "/actuator/prometheus", null, null));
        DOORS.put("upload-invoice", (m, u) -> m.uploadInvoice(u));
        DOORS.put("document", (m, u) -> m.call(u, HttpMethod.GET, "/api/documents/no-such-document", null, null));
        DOORS.put("grant-authorization", (m, u) -> m.call(u, HttpMethod.POST, "/engine-rest/authorization/create",
                "{\"type\":1,\"permissions\":[\"READ\"],\"userId\":\"nobody\",\"resourceType\":5,\"resourceId\":\""
                        + UUID.randomUUID() + "\"}", MediaType.APPLICATION_JSON));
    }

    /** Uploads one small invoice PDF (always the same bytes, so later calls find the stored document). */
    ResponseEntity<String> uploadInvoice(String user) {
        HttpHeaders headers = new HttpHeaders();
        if (!user.equals("-")) {
            authenticate(headers, user);
        }
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        HttpHeaders fileHeaders = new HttpHeaders();
        fileHeaders.setContentDisposition(ContentDisposition.formData().name("file").filename("access.pdf").build());
        fileHeaders.setContentType(MediaType.APPLICATION_PDF);
        form.add("file", new HttpEntity<>(io.stratum.ingestion.document.TestDocuments.pdf("access matrix"),
                fileHeaders));
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.exchange("/api/invoices", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    ResponseEntity<String> call(String user, HttpMethod method, String path, String body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        if (type != null) {
            headers.setContentType(type);
        }
        if (!user.equals("-")) {
            authenticate(headers, user);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    /** Completes a fresh task offered to {@code group} through Camunda's REST API. */
    ResponseEntity<String> complete(String user, String group) {
        String instance = runtime.startProcessInstanceByKey("accessTask", Map.of("group", group)).getId();
        String task = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
        return call(user, HttpMethod.POST, "/engine-rest/task/" + task + "/complete", "{}",
                MediaType.APPLICATION_JSON);
    }

    ResponseEntity<String> deploy(String user) {
        HttpHeaders headers = new HttpHeaders();
        if (!user.equals("-")) {
            authenticate(headers, user);
        }
        return deployWith(headers);
    }

    /** Deploys a small process through Camunda's REST API with the given credentials. */
    ResponseEntity<String> deployWith(HttpHeaders headers) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
                  <process id="accessDeploy" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e"/>
                  </process>
                </definitions>""";
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", "access-matrix-deploy");
        HttpHeaders fileHeaders = new HttpHeaders();
        fileHeaders.setContentDisposition(ContentDisposition.formData().name("data").filename("access-deploy.bpmn")
                .build());
        fileHeaders.setContentType(MediaType.APPLICATION_XML);
        form.add("data", new HttpEntity<>(bpmn.getBytes(StandardCharsets.UTF_8), fileHeaders));
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(form, headers),
                String.class);
    }
}
