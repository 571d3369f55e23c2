package io.stratum.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

/**
 * Who may call what. Stratum's API and Camunda's REST API need HTTP Basic against Camunda's identity (in profile
 * {@code keycloak} also a Keycloak bearer token); the webapps (Cockpit, Tasklist, Admin) keep their own session
 * login and CSRF protection (in profile {@code keycloak}: single sign-on through Keycloak); health is public.
 * Refusals are RFC 9457 problems.
 */
@Configuration
class SecurityConfig {

    /**
     * Stateless APIs; in profile keycloak the remaining paths belong to the webapps' single sign-on chain. Matched
     * on the path itself: /engine-rest is Jersey's servlet, which Spring MVC's path matchers do not see.
     */
    private static final RequestMatcher API = req -> {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        return Stream.of("/api/", "/engine-rest/", "/actuator/", "/v3/api-docs", "/swagger-ui")
                .anyMatch(path::startsWith);
    };

    @Bean
    @Order(1)
    SecurityFilterChain stratumSecurity(HttpSecurity http, IdentityService identity, GovernanceSettings settings,
                                        ObjectMapper json, ObjectProvider<KeycloakIdentity> keycloak)
            throws Exception {
        KeycloakIdentity sso = keycloak.getIfAvailable();
        List<String> challenges = sso == null ? List.of("Basic realm=\"Stratum\"")
                : List.of("Bearer realm=\"Stratum\"", "Basic realm=\"Stratum\"");
        String required = sso == null ? "Authentication required: HTTP Basic with a Stratum user"
                : "Authentication required: a Keycloak bearer token or HTTP Basic with a Stratum user";
        AuthenticationEntryPoint unauthenticated = (req, res, e) -> problem(json, res, HttpStatus.UNAUTHORIZED,
                required, req.getRequestURI(), challenges);
        String[] auditors = settings.auditGroups().toArray(String[]::new);
        // The operations dashboard: operations leaders, auditors and admins.
        String[] dashboard = Stream.concat(settings.auditGroups().stream(),
                Stream.of(Roles.OPERATIONS)).distinct().toArray(String[]::new);
        String[] purchasingReaders = Stream.concat(Stream.of(settings.adminGroup(), Roles.ANALYSTS, Roles.APPROVERS),
                settings.auditGroups().stream()).distinct().toArray(String[]::new);
        if (sso != null) {
            http.securityMatcher(API);
        }
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
                        .requestMatchers("/ops", "/ops/**", "/api/insight", "/api/insight/**")
                        .hasAnyAuthority(dashboard)
                        // bias flags are shown on the dashboard too
                        .requestMatchers(HttpMethod.GET, "/api/audit/bias", "/api/audit/bias/**")
                        .hasAnyAuthority(dashboard)
                        .requestMatchers("/api/audit/**", "/api/history/**", "/api/feedback/**", "/api/outbox/**",
                                "/api/inbox/**")
                        .hasAnyAuthority(auditors)
                        // Generic records hold whatever processes put there: the analysts who build those
                        // processes, auditors and admins read them.
                        .requestMatchers("/api/records/**")
                        .hasAnyAuthority(Stream.concat(settings.auditGroups().stream(),
                                Stream.of(settings.adminGroup(), Roles.ANALYSTS)).distinct().toArray(String[]::new))
                        .requestMatchers(HttpMethod.POST, "/api/customers/**")
                        .hasAnyAuthority(settings.adminGroup(), Roles.ANALYSTS)
                        // Invoices come in from accounts payable (analysts) and from approvers who received one
                        // by hand; everyone else sends them by mail or the scanner folder.
                        .requestMatchers(HttpMethod.POST, "/api/invoices")
                        .hasAnyAuthority(settings.adminGroup(), Roles.ANALYSTS, Roles.APPROVERS)
                        // Documents are business records: those who handle invoices, and auditors, may read them.
                        .requestMatchers(HttpMethod.GET, "/api/documents/**").hasAnyAuthority(Stream.concat(
                                settings.auditGroups().stream(),
                                Stream.of(settings.adminGroup(), Roles.ANALYSTS, Roles.APPROVERS))
                                .distinct().toArray(String[]::new))
                        .requestMatchers(HttpMethod.POST, "/api/assets", "/api/technicians")
                        .hasAnyAuthority(settings.adminGroup(), Roles.DISPATCHERS)
                        .requestMatchers(HttpMethod.POST, "/api/purchase-orders/import", "/api/goods-receipts/import")
                        .hasAnyAuthority(settings.adminGroup(), Roles.ANALYSTS)
                        // Orders and payments are read by those who import, approve or audit invoices.
                        .requestMatchers(HttpMethod.GET, "/api/purchase-orders/**", "/api/payments", "/api/payments/**")
                        .hasAnyAuthority(purchasingReaders)
                        .requestMatchers(HttpMethod.POST, "/api/models/*/retrain", "/api/models/*/examples",
                                "/api/models/*/calibrate")
                        .hasAnyAuthority(settings.adminGroup(), Roles.MODEL_OWNERS)
                        .requestMatchers(HttpMethod.POST, "/api/models/*/rollback").hasAuthority(settings.adminGroup())
                        .requestMatchers("/engine-rest/**", "/api/**").authenticated()
                        // API description and its browsable UI: any signed-in user, like the API itself.
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").authenticated()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Stratum").authenticationEntryPoint(unauthenticated))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((req, res, e) -> problem(json, res, HttpStatus.FORBIDDEN,
                                "Your groups do not allow this call", req.getRequestURI(), List.of())))
                .addFilterAfter(new EngineRestAuthentication(identity), BasicAuthenticationFilter.class);
        if (sso != null) {
            // Expired, tampered or foreign tokens: 401 with the reason, as a problem like every refusal.
            AuthenticationEntryPoint invalidToken = (req, res, e) -> problem(json, res, HttpStatus.UNAUTHORIZED,
                    "Invalid bearer token: " + reason(e), req.getRequestURI(),
                    List.of("Bearer realm=\"Stratum\", error=\"invalid_token\""));
            http.oauth2ResourceServer(rs -> rs
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(sso.bearerTokens()))
                    .authenticationEntryPoint(invalidToken));
        }
        return http.build();
    }

    /**
     * Profile keycloak: Cockpit, Tasklist and Admin sign in through Keycloak (OIDC authorization code) and hand the
     * user to Camunda's container-based authentication; signing out of a webapp signs out of Keycloak too.
     */
    @Bean
    @Order(2)
    @Profile("keycloak")
    SecurityFilterChain webappSingleSignOn(HttpSecurity http, KeycloakIdentity sso,
                                           ClientRegistrationRepository clients) throws Exception {
        RequestMatcher webappApi = req -> req.getRequestURI().startsWith(req.getContextPath() + "/camunda/api/");
        RequestMatcher logout = req -> {
            String path = req.getRequestURI().substring(req.getContextPath().length());
            return path.equals("/logout")
                    || path.matches("/camunda/api/admin/auth/user/[^/]+/logout") && "POST".equals(req.getMethod());
        };
        http
                // Camunda's CsrfPreventionFilter guards the webapps' API; Spring's token would be a second one.
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .userInfoEndpoint(info -> info.userAuthoritiesMapper(sso.webappGroups())))
                // The webapps' own API answers 401 (their XHR cannot follow a redirect to Keycloak's login page).
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), webappApi))
                .logout(out -> out.logoutRequestMatcher(logout).logoutSuccessHandler(sso.singleLogout(clients)));
        return http.build();
    }

    private static String reason(AuthenticationException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void problem(ObjectMapper json, HttpServletResponse res, HttpStatus status, String detail,
                                String path, List<String> challenges) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(path));
        challenges.forEach(c -> res.addHeader("WWW-Authenticate", c));
        res.setStatus(status.value());
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(res.getOutputStream(), problem);
    }
}
