package io.stratum.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.stratum.ServerCalls;
import io.stratum.StratumIntegrationTest;
import io.stratum.orchestration.PredictiveMaintenanceProcess;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.stratum.orchestration.PredictiveMaintenanceProcess.Var.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole server with a real mosquitto broker: telemetry by REST (per-reading errors, dead letters) and by MQTT
 * (shared subscription), scored by the DJL-trained failure model; concurrent high readings open exactly one case;
 * the case runs through the real delegates, Timefold planner, work order and the technician's mail with the
 * invitation, received by a real SMTP server (GreenMail); the reported outcome becomes a labelled example.
 */
@StratumIntegrationTest
class PredictiveMaintenanceEndToEndTests {

    static MosquittoBroker broker;
    /** Started before the Spring context, which needs its port. */
    static final GreenMail smtp = startSmtp();

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

    @DynamicPropertySource
    static void mqtt(DynamicPropertyRegistry registry) throws Exception {
        broker = MosquittoBroker.start();
        registry.add("stratum.telemetry.mqtt.broker-url", broker::url);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        // Cheaper bootstrap training and planning: the test checks wiring and behaviour, the bench measures quality.
        registry.add("stratum.failure-model.bootstrap-examples", () -> "8000");
        registry.add("stratum.failure-model.epochs", () -> "20");
        registry.add("stratum.dispatch.solve-time", () -> "PT0.5S");
        registry.add("stratum.dispatch.unimproved-time", () -> "PT0.2S");
    }

    @AfterAll
    static void stopServers() {
        broker.close();
        smtp.stop();
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    JdbcClient jdbc;

    static Map<String, Object> reading(String assetId, double air, double process, double rpm, double torque,
                                       double wear) {
        return Map.of("assetId", assetId, "airTemperature", air, "processTemperature", process,
                "rotationalSpeed", rpm, "torque", torque, "toolWear", wear);
    }

    @Test
    void telemetryInCasesOutEndToEnd() throws Exception {
        ServerCalls calls = new ServerCalls(http);

        // REST batch: one healthy reading, one out of range, one for an unknown asset.
        JsonNode batch = calls.post("demo", "/api/telemetry", List.of(
                reading("M-1002", 298.4, 308.7, 1551, 42.8, 10),
                reading("M-1002", 298.4, 308.7, 1551, 420.0, 10),
                reading("X-9", 298.4, 308.7, 1551, 42.8, 10)));
        assertThat(batch.path("accepted").asInt()).isEqualTo(1);
        assertThat(batch.path("rejected").asInt()).isEqualTo(2);
        JsonNode results = batch.path("results");
        assertThat(results.get(0).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(results.get(0).path("failureProbability").asDouble()).isLessThan(0.5);
        assertThat(results.get(1).path("errors").get(0).path("field").asText()).isEqualTo("torque");
        assertThat(results.get(1).path("errors").get(0).path("message").asText()).contains("out of range");
        assertThat(results.get(2).path("errors").get(0).path("message").asText()).contains("unknown asset X-9");
        JsonNode dead = calls.get("demo", "/api/telemetry/dead-letters");
        assertThat(dead).hasSizeGreaterThanOrEqualTo(2);
        assertThat(dead.toString()).contains("torque: out of range", batch.path("rawId").asText());
        // Unreadable as a whole: problem JSON, and the raw body is kept.
        JsonNode problem = ServerCalls.parse(calls.postRaw("demo", "/api/telemetry", "not json").getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("rawId").asText()).isNotBlank();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PredictiveMaintenanceProcess.KEY)
                .count()).isZero();

        // MQTT: an overstrained machine (230 min x 70 Nm on an H variant, 8.8 kW: no power failure) opens its case.
        MqttClient publisher = new MqttClient(broker.url(), "test-publisher", new MemoryPersistence());
        publisher.connect(new MqttConnectionOptions());
        publish(publisher, "M-1003", "{\"airTemperature\":300.1,\"processTemperature\":310.2,"
                + "\"rotationalSpeed\":1200,\"torque\":70,\"toolWear\":230}");
        ProcessInstance mqttCase = ServerCalls.await("case of M-1003 from MQTT", Duration.ofSeconds(60),
                () -> runtime.createProcessInstanceQuery().processInstanceBusinessKey("M-1003").singleResult());
        assertThat((double) runtime.getVariable(mqttCase.getId(), FAILURE_PROBABILITY)).isGreaterThan(0.5);
        assertThat(calls.get("demo", "/api/telemetry/M-1003").get(0).path("failureMode").asText()).isEqualTo("OSF");
        // A malformed MQTT message is dead-lettered with its reason; the subscription keeps going.
        publish(publisher, "M-1003", "{\"torque\": \"high\"}");

        // Duplicate high readings, concurrently by REST and MQTT: one case for M-1001, updated by the others.
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<Object>> calls6 = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls6.add(() -> calls.post("demo", "/api/telemetry",
                    List.of(reading("M-1001", 300.0, 310.4, 1360, 68, 225))));
        }
        for (int i = 0; i < 4; i++) {
            publish(publisher, "M-1001", "{\"airTemperature\":300.0,\"processTemperature\":310.4,"
                    + "\"rotationalSpeed\":1360,\"torque\":68,\"toolWear\":225}");
        }
        for (Future<Object> f : pool.invokeAll(calls6)) {
            f.get();
        }
        pool.shutdown();
        ServerCalls.await("all ten reports of M-1001", Duration.ofSeconds(60), () -> {
            ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey("M-1001")
                    .singleResult();
            return pi != null && Integer.valueOf(10).equals(runtime.getVariable(pi.getId(), RISK_REPORTS));
        });
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("M-1001").count()).isEqualTo(1);
        // All ten stored with their scores, whichever way they came (six by REST, four by MQTT).
        JsonNode stored = calls.get("demo", "/api/telemetry/M-1001?limit=50");
        assertThat(stored).hasSize(10);
        for (JsonNode r : stored) {
            assertThat(r.path("failureProbability").asDouble()).isGreaterThan(0.5);
            assertThat(r.path("anomalyScore").isNumber()).isTrue();
        }
        assertThat(jdbc.sql("""
                        SELECT COUNT(DISTINCT r.source) FROM telemetry_reading t JOIN telemetry_raw r ON r.id = t.raw_id
                        WHERE t.asset_id = 'M-1001'""").query(Long.class).single()).isEqualTo(2L);
        ServerCalls.await("dead letter of the malformed MQTT message", Duration.ofSeconds(30),
                () -> calls.get("demo", "/api/telemetry/dead-letters").toString().contains("must be a number"));
        publisher.disconnect();
        publisher.close();

        // The case through the real delegates: assess, Timefold plan, confirm, work order, mail with invitation.
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey("M-1001").singleResult();
        Job assess = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
        management.executeJob(assess.getId());
        assertThat(runtime.getVariable(pi.getId(), CRITICAL)).isEqualTo(true);
        String proposed = (String) runtime.getVariable(pi.getId(), PROPOSED_TECHNICIAN_ID);
        assertThat(proposed).isIn("T-01", "T-02", "T-03"); // the available spindle technicians
        Task confirm = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(confirm.getTaskDefinitionKey()).isEqualTo("ConfirmVisit");
        tasks.claim(confirm.getId(), "demo");
        tasks.complete(confirm.getId());
        Job booking = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
        management.executeJob(booking.getId());
        String workOrderId = (String) runtime.getVariable(pi.getId(), WORK_ORDER_ID);
        JsonNode order = calls.get("demo", "/api/work-orders/" + workOrderId);
        assertThat(order.path("technicianId").asText()).isEqualTo(proposed);
        assertThat(order.path("assetId").asText()).isEqualTo("M-1001");
        Map<String, Object> mail = jdbc.sql("""
                        SELECT body, attachment_name, attachment_type, attachment FROM outbox_message
                        WHERE idempotency_key = ?""").param("visit:" + workOrderId).query().singleRow();
        assertThat((String) mail.get("body")).contains(workOrderId + ".ics").doesNotContain("BEGIN:VCALENDAR");
        assertThat(mail.get("attachment_name")).isEqualTo(workOrderId + ".ics");
        assertThat((String) mail.get("attachment_type")).startsWith("text/calendar");
        assertThat((String) mail.get("attachment")).contains("BEGIN:VCALENDAR", "UID:" + workOrderId + "@stratum");
        // The technician's mail really went out over SMTP, with the invitation as a text/calendar part.
        String technicianEmail = technicianEmail(calls.get("demo", "/api/technicians"), proposed);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(technicianEmail);
        assertThat(received[0].getSubject()).contains(workOrderId, "M-1001");
        BodyPart invitation = calendarPart((Multipart) received[0].getContent());
        assertThat(invitation.getFileName()).isEqualTo(workOrderId + ".ics");
        assertThat(GreenMailUtil.getBody(invitation)).contains("BEGIN:VCALENDAR", "METHOD:REQUEST",
                "UID:" + workOrderId + "@stratum");
        Task report = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        tasks.complete(report.getId(), Variables.createVariables().putValue(FAULT_FOUND, true)
                .putValue(REPORTED_MODE, "OSF"));
        management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).singleResult().getId());
        JsonNode feedback = calls.get("auditor", "/api/feedback?model=maintenance-failure");
        assertThat(feedback.toString()).contains("OSF", pi.getId());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();

        // Technician and asset imports are for dispatchers and admins only.
        assertThat(http.withBasicAuth("analyst", "analyst").postForEntity("/api/technicians",
                new org.springframework.http.HttpEntity<>("x", csv()), String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        // A bad technician file is refused whole, with a problem naming the line and the column.
        var bad = http.withBasicAuth("demo", "demo").postForEntity("/api/technicians",
                new org.springframework.http.HttpEntity<>("id,name,email,skills,homeLat,homeLon,workStart,workEnd,"
                        + "available\nT-90,\"Kim, Lee\",kim@example.org,spindle,48.1,11.5,8,16,true\n"
                        + "T-91,Ola,ola@example.org,spindle,north,11.5,8,16,true\n", csv()), JsonNode.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().path("title").asText()).isEqualTo("Invalid technician CSV");
        assertThat(bad.getBody().path("line").asInt()).isEqualTo(3);
        assertThat(bad.getBody().path("errors").get(0).path("field").asText()).isEqualTo("homeLat");
        assertThat(calls.get("demo", "/api/technicians").findValuesAsText("id")).doesNotContain("T-90");
    }

    @Test
    void technicianAndAssetImportsAreBoundedAndReadAsUtf8() {
        ServerCalls calls = new ServerCalls(http);
        // text/csv without a charset is read as UTF-8
        String technician = "id,name,email,skills,homeLat,homeLon,workStart,workEnd,available\n"
                + "T-97,Jürgen Weiß,juergen@example.org,welding,48.1,11.5,8,16,false\n";
        String asset = "id,name,assetType,productType,lat,lon,criticality,requiredSkill\n"
                + "M-9097,Fräse Süd,milling machine,L,48.1,11.5,LOW,welding\n";
        assertThat(postCsv("/api/technicians", technician, StandardCharsets.UTF_8).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(postCsv("/api/assets", asset, StandardCharsets.UTF_8).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(calls.get("demo", "/api/technicians").toString()).contains("Jürgen Weiß");
        assertThat(calls.get("demo", "/api/assets").toString()).contains("Fräse Süd");

        // A Latin-1 export is refused whole, saying why, instead of importing mangled names
        var latin1 = postCsv("/api/technicians", technician.replace("T-97", "T-96"), StandardCharsets.ISO_8859_1);
        assertThat(latin1.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(latin1.getBody().path("errors").get(0).path("message").asText()).contains("UTF-8");
        var latin1Assets = postCsv("/api/assets", asset.replace("M-9097", "M-9096"), StandardCharsets.ISO_8859_1);
        assertThat(latin1Assets.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(latin1Assets.getBody().path("detail").asText()).contains("not UTF-8");
        assertThat(calls.get("demo", "/api/technicians").findValuesAsText("id")).doesNotContain("T-96");

        // Over the 1 MB limit: 413 problems, nothing read past the limit
        String huge = "x".repeat(1024 * 1024 + 1);
        for (String path : List.of("/api/technicians", "/api/assets")) {
            var tooLarge = http.withBasicAuth("demo", "demo").postForEntity(path,
                    new org.springframework.http.HttpEntity<>(huge, csv()), JsonNode.class);
            assertThat(tooLarge.getStatusCode()).as(path).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
            assertThat(tooLarge.getHeaders().getContentType()).as(path)
                    .isEqualTo(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(tooLarge.getBody().path("limitBytes").asLong()).as(path).isEqualTo(1024 * 1024);
        }
    }

    private static String technicianEmail(JsonNode technicians, String id) {
        for (JsonNode t : technicians) {
            if (id.equals(t.path("id").asText())) {
                return t.path("email").asText();
            }
        }
        throw new AssertionError("technician " + id + " not listed");
    }

    private static BodyPart calendarPart(Multipart multipart) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("text/calendar")) {
                return part;
            }
            if (part.getContent() instanceof Multipart nested) {
                BodyPart found = calendarPart(nested);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private org.springframework.http.ResponseEntity<JsonNode> postCsv(String path, String csv,
                                                                       java.nio.charset.Charset charset) {
        return http.withBasicAuth("demo", "demo").postForEntity(path,
                new org.springframework.http.HttpEntity<>(csv.getBytes(charset), csv()), JsonNode.class);
    }

    private static org.springframework.http.HttpHeaders csv() {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.parseMediaType("text/csv"));
        return headers;
    }

    private static void publish(MqttClient client, String assetId, String json) throws Exception {
        MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish("stratum/telemetry/" + assetId, message);
    }
}
