package io.stratum.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The Modeler element templates against Camunda's published element-template JSON schema (npm package
 * {@code @camunda/element-templates-json-schema}, fetched by {@code ./stratum test} into target/npm/, never copied
 * into the repository), and against Stratum: every delegate a template names exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElementTemplatesTests {

    static final Path TEMPLATES = Path.of("deployment/modeler/element-templates");
    static final Path SCHEMA = Path.of("target/npm/element-templates-json-schema/package/resources/schema.json");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern DELEGATE = Pattern.compile("^\\$\\{([a-z][A-Za-z0-9]*)}$");

    JsonSchema schema;

    @BeforeAll
    void loadSchema() throws IOException {
        if (!Files.isRegularFile(SCHEMA)) {
            String message = "Element-template schema missing at " + SCHEMA.toAbsolutePath()
                    + ": run ./stratum test (it fetches @camunda/element-templates-json-schema with npm)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            abort(message);
        }
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(JSON.readTree(SCHEMA.toFile()));
    }

    @Test
    void everyTemplateFileFollowsTheSchema() throws IOException {
        List<Path> files = templateFiles();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(file.toFile()));
            assertThat(errors).as(file.toString()).isEmpty();
        }
    }

    @Test
    void theSchemaCatchesABrokenTemplate() throws IOException {
        ArrayNode templates = (ArrayNode) JSON.readTree(TEMPLATES.resolve("stratum.json").toFile());
        ObjectNode broken = templates.get(0).deepCopy();
        broken.remove("appliesTo");
        // an input parameter without a name, and a Boolean where the binding allows none
        ((ObjectNode) broken.get("properties").get(1).get("binding")).remove("name");
        assertThat(schema.validate(broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void templatesCoverTheGenericComponentsAndNameExistingDelegates() throws Exception {
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        List<String> delegates = new ArrayList<>();
        for (Path file : templateFiles()) {
            for (JsonNode template : JSON.readTree(file.toFile())) {
                names.add(template.path("name").asText());
                assertThat(ids.add(template.path("id").asText() + "@" + template.path("version").asInt()))
                        .as("unique id/version " + template.path("id")).isTrue();
                for (JsonNode property : template.path("properties")) {
                    if ("camunda:delegateExpression".equals(property.path("binding").path("name").asText())) {
                        delegates.add(property.path("value").asText());
                    }
                }
            }
        }
        assertThat(names).contains("Classify text", "Draft reply", "Send e-mail", "Create ticket", "Request review",
                "Decide with rules", "Call HTTP API", "Create/update record", "Predict", "Extract document");
        for (String expression : delegates) {
            Matcher m = DELEGATE.matcher(expression);
            assertThat(m.matches()).as("delegate expression " + expression).isTrue();
            String bean = m.group(1);
            // Spring's default bean name of an @Component class in orchestration
            Class<?> type = Class.forName("io.stratum.orchestration." + Character.toUpperCase(bean.charAt(0))
                    + bean.substring(1));
            assertThat(type.isAnnotationPresent(org.springframework.stereotype.Component.class))
                    .as(type + " is a Spring component").isTrue();
        }
    }

    static List<Path> templateFiles() throws IOException {
        try (var files = Files.list(TEMPLATES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
