package io.stratum.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import java.io.IOException;
import java.net.URI;

/**
 * Who may call what. Stratum's API and Camunda's REST API need HTTP Basic against Camunda's identity; the webapps
 * (Cockpit, Tasklist, Admin) keep their own session login and CSRF protection; health is public. Refusals are
 * RFC 9457 problems.
 */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain stratumSecurity(HttpSecurity http, IdentityService identity, GovernanceSettings settings,
                                        ObjectMapper json) throws Exception {
        String[] auditors = settings.auditGroups().toArray(String[]::new);
        http
                // Stateless Basic-auth APIs need no CSRF token; the webapps bring their own CSRF filter.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/", "/error", "/favicon.ico", "/camunda/**").permitAll()
                        // The auditor page is static and holds no data; its scripts call the API as the signed-in user.
                        .requestMatchers("/audit", "/audit/", "/audit/**").permitAll()
                        .requestMatchers("/actuator/**").hasAnyAuthority(auditors)
                        .requestMatchers("/api/audit/**", "/api/history/**", "/api/feedback/**", "/api/outbox/**")
                        .hasAnyAuthority(auditors)
                        .requestMatchers(HttpMethod.POST, "/api/customers/**")
                        .hasAnyAuthority(settings.adminGroup(), Roles.ANALYSTS)
                        .requestMatchers(HttpMethod.POST, "/api/assets", "/api/technicians")
                        .hasAnyAuthority(settings.adminGroup(), "dispatchers")
                        .requestMatchers(HttpMethod.POST, "/api/models/*/retrain", "/api/models/*/examples")
                        .hasAnyAuthority(settings.adminGroup(), Roles.MODEL_OWNERS)
                        .requestMatchers("/engine-rest/**", "/api/**").authenticated()
                        // API description and its browsable UI: any signed-in user, like the API itself.
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").authenticated()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Stratum")
                        .authenticationEntryPoint((req, res, e) -> problem(json, res, HttpStatus.UNAUTHORIZED,
                                "Authentication required: HTTP Basic with a Stratum user", req.getRequestURI())))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((req, res, e) -> problem(json, res, HttpStatus.UNAUTHORIZED,
                                "Authentication required: HTTP Basic with a Stratum user", req.getRequestURI()))
                        .accessDeniedHandler((req, res, e) -> problem(json, res, HttpStatus.FORBIDDEN,
                                "Your groups do not allow this call", req.getRequestURI())))
                .addFilterAfter(new EngineRestAuthentication(identity), BasicAuthenticationFilter.class);
        return http.build();
    }

    private static void problem(ObjectMapper json, HttpServletResponse res, HttpStatus status, String detail,
                                String path) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(path));
        if (status == HttpStatus.UNAUTHORIZED) {
            res.setHeader("WWW-Authenticate", "Basic realm=\"Stratum\"");
        }
        res.setStatus(status.value());
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(res.getOutputStream(), problem);
    }
}
