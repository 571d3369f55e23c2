package io.stratum.insight;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI description of Stratum's own API (/api/**; which paths is set by {@code springdoc.paths-to-match}).
 * Camunda's engine REST API is JAX-RS, documented by Camunda, and not part of it. Every call needs HTTP Basic.
 */
@Configuration
class ApiDocsConfig {

    static final String BASIC = "basic";

    @Bean
    OpenAPI stratumOpenApi(@Value("${stratum.version:0.1.0}") String version) {
        return new OpenAPI()
                .info(new Info().title("Stratum API")
                        .description("Intake, customers, tickets, outbox, feedback, models and the decision audit "
                                + "log. Errors are RFC 9457 problem documents (application/problem+json). Process "
                                + "deployment and tasks: Camunda's REST API under /engine-rest.")
                        .version(version)
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes(BASIC,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A Stratum user (Camunda identity)")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }
}
