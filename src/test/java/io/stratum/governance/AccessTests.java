package io.stratum.governance;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.stratum.StratumIntegrationTest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Built-in identity (HTTP Basic): the shared access matrix plus what only this mode has (wrong passwords against
 * Camunda's own users, the built-in users' groups).
 */
@StratumIntegrationTest
class AccessTests extends AccessMatrix {

    @Override
    void authenticate(HttpHeaders headers, String user) {
        headers.setBasicAuth(user, user);
    }

    /** The demo users cover admins, analysts, approvers and auditors; the matrix adds one user per other role. */
    @Override
    void ensureUsers() {
        ensureUser("dispatcher", Roles.DISPATCHERS);
        ensureUser("owner", Roles.MODEL_OWNERS);
        ensureUser("lead", "operations");
    }

    private void ensureUser(String id, String group) {
        if (identity.createGroupQuery().groupId(group).count() == 0) {
            Group g = identity.newGroup(group);
            g.setName(group);
            identity.saveGroup(g);
        }
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword(id);
            user.setFirstName(id);
            user.setLastName("Matrix");
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    @Test
    void healthIsPublic() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anonymousCallsAreRefusedWithAProblem() {
        for (String path : new String[]{"/api/audit/verify", "/api/feedback?model=support-topic",
                "/engine-rest/process-definition", "/api/models"}) {
            ResponseEntity<String> res = http.getForEntity(path, String.class);
            assertThat(res.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(res.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(res.getHeaders().getFirst("WWW-Authenticate")).contains("Basic");
        }
    }

    @Autowired
    IdentityService identity;

    @Test
    void wrongPasswordIsRefused() {
        // A user of its own: Camunda throttles logins after a failure, which would disturb the other tests.
        if (identity.createUserQuery().userId("mallory").count() == 0) {
            User mallory = identity.newUser("mallory");
            mallory.setPassword("right");
            mallory.setFirstName("Mal");
            mallory.setLastName("Lory");
            identity.saveUser(mallory);
            identity.createMembership("mallory", Roles.AUDITORS);
        }
        assertThat(http.withBasicAuth("mallory", "wrong").getForEntity("/api/audit/verify", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("nobody", "nobody").getForEntity("/api/audit/verify", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void auditIsForAuditorsAndAdminsOnly() {
        assertThat(http.withBasicAuth("auditor", "auditor").getForEntity("/api/audit/verify", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.withBasicAuth("demo", "demo").getForEntity("/api/audit/verify", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> approver = http.withBasicAuth("approver", "approver")
                .getForEntity("/api/feedback?model=support-topic", String.class);
        assertThat(approver.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(approver.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(http.withBasicAuth("analyst", "analyst").getForEntity("/api/audit/verify", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void onlyAnalystsAndAdminsMayDeployThroughEngineRest() {
        // Camunda's authorizations decide inside /engine-rest: the caller's groups reach the engine.
        assertThat(deployAccessCheck("analyst").getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> byAdmin = deployAccessCheck("demo");
        assertThat(byAdmin.getStatusCode()).as(byAdmin.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(deployAccessCheck("approver").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(deployAccessCheck("auditor").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        String approverSees = http.withBasicAuth("approver", "approver")
                .getForObject("/engine-rest/deployment?name=access-check", String.class);
        assertThat(approverSees).isEqualTo("[]");
        String auditorSees = http.withBasicAuth("auditor", "auditor")
                .getForObject("/engine-rest/deployment?name=access-check", String.class);
        assertThat(auditorSees).contains("access-check");
    }

    private ResponseEntity<String> deployAccessCheck(String user) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
                  <process id="accessCheck" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e"/>
                  </process>
                </definitions>""";
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", "access-check");
        form.add("deployment-source", "access-tests");
        HttpHeaders fileHeaders = new HttpHeaders();
        fileHeaders.setContentDisposition(ContentDisposition.formData().name("data").filename("access-check.bpmn")
                .build());
        fileHeaders.setContentType(MediaType.APPLICATION_XML);
        form.add("data", new HttpEntity<>(bpmn.getBytes(StandardCharsets.UTF_8), fileHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.withBasicAuth(user, user).postForEntity("/engine-rest/deployment/create",
                new HttpEntity<>(form, headers), String.class);
    }

    @Test
    void onlyAnalystsAndAdminsImportCustomers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        String csv = "id,name,emailDomain,tier,contractValue\nC-9001,Access Check Ltd,access.example,silver,1000\n";
        assertThat(http.withBasicAuth("approver", "approver").postForEntity("/api/customers/import",
                new HttpEntity<>(csv, headers), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.withBasicAuth("analyst", "analyst").postForEntity("/api/customers/import",
                new HttpEntity<>(csv, headers), String.class).getStatusCode().is2xxSuccessful()).isTrue();
    }

    @Test
    void builtInUsersHaveTheirGroups() {
        String body = http.withBasicAuth("demo", "demo").getForObject("/engine-rest/group?member=demo", String.class);
        assertThat(body).contains("camunda-admin").contains("model-owners");
        String approver = http.withBasicAuth("approver", "approver")
                .getForObject("/engine-rest/group?member=approver", String.class);
        assertThat(approver).contains("approvers").doesNotContain("camunda-admin");
    }
}
