package io.stratum.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

@IngestionHttpTest
class CustomerApiTests {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    Customers customers;

    private ResponseEntity<JsonNode> importCsv(String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        return rest.withBasicAuth("demo", "demo")
                .postForEntity("/api/customers/import", new HttpEntity<>(csv, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String id) {
        return rest.withBasicAuth("demo", "demo").getForEntity("/api/customers/" + id, JsonNode.class);
    }

    @Test
    void demoCustomersAreLoadedOnFirstStart() {
        ResponseEntity<JsonNode> acme = get("C-1001");
        assertThat(acme.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(acme.getBody().get("emailDomain").asText()).isEqualTo("acme.example");
        assertThat(acme.getBody().get("tier").asText()).isEqualTo("platinum");
        assertThat(get("C-1010").getBody().get("name").asText()).isEqualTo("Cyberdyne Systems, Ltd.");
    }

    @Test
    void importsCsvAsUpsert() {
        ResponseEntity<JsonNode> first = importCsv("""
                id,name,emailDomain,tier,contractValue
                X-1,Northwind Traders,northwind.example,gold,250000
                X-2,"Contoso, Ltd.",contoso.example,Silver,99000.50
                """);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody().get("created").asInt()).isEqualTo(2);

        ResponseEntity<JsonNode> second = importCsv("id,name,emailDomain,tier,contractValue\r\n"
                + "X-1,Northwind Traders,northwind.example,platinum,300000\r\n");
        assertThat(second.getBody().get("updated").asInt()).isEqualTo(1);
        assertThat(second.getBody().get("created").asInt()).isEqualTo(0);

        JsonNode x1 = get("X-1").getBody();
        assertThat(x1.get("tier").asText()).isEqualTo("platinum");
        assertThat(x1.get("contractValue").decimalValue()).isEqualByComparingTo("300000");
        JsonNode x2 = get("X-2").getBody();
        assertThat(x2.get("name").asText()).isEqualTo("Contoso, Ltd.");
        assertThat(x2.get("tier").asText()).isEqualTo("silver");
    }

    @Test
    void aMalformedLineImportsNothingAndNamesTheLine() {
        ResponseEntity<JsonNode> response = importCsv("""
                id,name,emailDomain,tier,contractValue
                Y-1,Fine Corp,fine.example,gold,1000
                C-1001,Acme Renamed,acme.example,gold,1
                Y-2,Broken Corp,broken.example,diamond,1000
                """);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("line").asInt()).isEqualTo(4);
        assertThat(response.getBody().get("detail").asText()).contains("line 4").contains("tier");

        assertThat(get("Y-1").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("C-1001").getBody().get("name").asText()).isEqualTo("Acme Corporation");
    }

    @Test
    void unknownCustomerIsA404Problem() {
        ResponseEntity<JsonNode> response = get("nobody");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void resolvesByIdThenBySenderDomainElseUnknown() {
        assertThat(customers.resolve("C-1002", "someone@acme.example").id()).isEqualTo("C-1002");
        assertThat(customers.resolve(null, "Jane <jane@ACME.example>").id()).isEqualTo("C-1001");
        assertThat(customers.resolve("no-such-id", "ops@support.hooli.example").id()).isEqualTo("C-1007");

        Customer unknown = customers.resolve(null, "who@nowhere.example");
        assertThat(unknown.id()).isNull();
        assertThat(unknown.tier()).isEqualTo(Customer.LOWEST_TIER);
        assertThat(unknown.contractValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(customers.resolve(null, "@chat-handle").tier()).isEqualTo("bronze");
    }
}
