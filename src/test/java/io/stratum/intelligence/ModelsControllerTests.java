package io.stratum.intelligence;

import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The controller on its own (standalone MockMvc; a @WebMvcTest slice cannot start because the application class
 * enables Camunda's process application): JSON shape and the 404 problem. The registry behind it is tested in
 * ModelRegistryTests; authentication is the security layer's concern.
 */
class ModelsControllerTests {

    final ModelRegistry registry = mock(ModelRegistry.class);
    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ModelsController(registry))
            .setMessageConverters(new MappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder.json()
                    .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()))
            .build();

    private static ModelVersion version(int v, String status, double accuracy) {
        return new ModelVersion("support-topic", v, status, "/data/models/support-topic/" + v,
                Map.of("accuracy", accuracy), "bootstrap:abc", Instant.parse("2026-11-25T10:00:00Z"), "bootstrap",
                null, null);
    }

    @Test
    void listsModelsWithTheirChampion() throws Exception {
        given(registry.names()).willReturn(List.of("support-topic"));
        org.mockito.BDDMockito.willReturn(ModelFormat.TEXT).given(registry).formatOf("support-topic");
        given(registry.versions("support-topic")).willReturn(List.of(version(1, "retired", 0.91),
                version(2, "champion", 0.95), version(3, "challenger", 0.96)));
        mvc.perform(get("/api/models"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("support-topic"))
                .andExpect(jsonPath("$[0].championVersion").value(2))
                .andExpect(jsonPath("$[0].status").value("champion"))
                .andExpect(jsonPath("$[0].metrics.accuracy").value(0.95))
                .andExpect(jsonPath("$[0].createdAt").value("2026-11-25T10:00:00Z"))
                .andExpect(jsonPath("$[0].kind").value("text"));
    }

    @Test
    void showsAllVersionsOfOneModel() throws Exception {
        given(registry.versions("support-topic")).willReturn(List.of(version(1, "retired", 0.91),
                version(2, "champion", 0.95)));
        org.mockito.BDDMockito.willReturn(ModelFormat.TEXT).given(registry).formatOf("support-topic");
        mvc.perform(get("/api/models/support-topic"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("text"))
                .andExpect(jsonPath("$.championVersion").value(2))
                .andExpect(jsonPath("$.versions.length()").value(2))
                .andExpect(jsonPath("$.versions[0].status").value("retired"))
                .andExpect(jsonPath("$.versions[1].metrics.accuracy").value(0.95));
    }

    @Test
    void unknownModelIsA404Problem() throws Exception {
        given(registry.versions("nope")).willReturn(List.of());
        mvc.perform(get("/api/models/nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("No model named 'nope' is registered"));
    }
}
