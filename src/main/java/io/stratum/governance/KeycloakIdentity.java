package io.stratum.governance;

import org.camunda.bpm.extension.keycloak.plugin.KeycloakIdentityProviderPlugin;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Profile {@code keycloak}: users and groups live in Keycloak. Camunda reads them through the Keycloak identity
 * plugin (read-only identity; Stratum still creates the role model's authorizations at start, see BuiltInIdentity);
 * the webapps sign in through Keycloak (OIDC), and {@code /api}, {@code /engine-rest} accept Keycloak's bearer tokens,
 * whose {@code preferred_username} and {@code groups} claims become the caller's user and groups.
 */
@Configuration
@Profile("keycloak")
class KeycloakIdentity {

    static final String REGISTRATION = "keycloak";
    static final String GROUPS_CLAIM = "groups";
    static final String USER_CLAIM = "preferred_username";

    private final KeycloakSettings settings;

    KeycloakIdentity(KeycloakSettings settings) {
        this.settings = settings;
    }

    /** Camunda's users and groups from Keycloak: user id = user name, group id = group name (as in the tokens). */
    @Bean
    KeycloakIdentityProviderPlugin keycloakIdentityProvider(GovernanceSettings governance) {
        KeycloakIdentityProviderPlugin plugin = new KeycloakIdentityProviderPlugin();
        plugin.setKeycloakIssuerUrl(settings.issuer());
        plugin.setKeycloakAdminUrl(settings.adminUrl());
        plugin.setClientId(settings.clientId());
        plugin.setClientSecret(settings.clientSecret());
        plugin.setUseUsernameAsCamundaUserId(true);
        plugin.setUseGroupPathAsCamundaGroupId(true);
        plugin.setAdministratorGroupName(governance.adminGroup());
        return plugin;
    }

    /**
     * Bearer tokens: signed by the realm (keys fetched lazily, so the server starts before Keycloak answers),
     * issued by it, unexpired, and meant for Stratum's API (audience).
     */
    @Bean
    JwtDecoder keycloakJwtDecoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.endpoint("certs")).build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(settings.audience()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(settings.clockSkew()),
                new JwtIssuerValidator(settings.issuer()), audience));
        return decoder;
    }

    JwtAuthenticationConverter bearerTokens() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(USER_CLAIM);
        converter.setJwtGrantedAuthoritiesConverter(jwt -> groups(jwt.getClaimAsStringList(GROUPS_CLAIM)));
        return converter;
    }

    /** The server's own OIDC client, spelled out so that start-up does not depend on Keycloak's discovery. */
    @Bean
    ClientRegistrationRepository keycloakClients() {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(settings.clientId())
                .clientSecret(settings.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .issuerUri(settings.issuer())
                .authorizationUri(settings.endpoint("auth"))
                .tokenUri(settings.endpoint("token"))
                .jwkSetUri(settings.endpoint("certs"))
                .userInfoUri(settings.endpoint("userinfo"))
                .userNameAttributeName(USER_CLAIM)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", settings.endpoint("logout")))
                .clientName("Keycloak")
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    /** Groups of a webapp user come from the ID token's (or user info's) groups claim. */
    GrantedAuthoritiesMapper webappGroups() {
        return authorities -> authorities.stream()
                .filter(OidcUserAuthority.class::isInstance)
                .map(OidcUserAuthority.class::cast)
                .flatMap(a -> {
                    List<String> groups = a.getUserInfo() != null && a.getUserInfo().hasClaim(GROUPS_CLAIM)
                            ? a.getUserInfo().getClaimAsStringList(GROUPS_CLAIM)
                            : a.getIdToken().getClaimAsStringList(GROUPS_CLAIM);
                    return groups(groups).stream();
                })
                .distinct()
                .toList();
    }

    /** Logging out of a webapp ends the Keycloak session too, then returns to the webapps. */
    LogoutSuccessHandler singleLogout(ClientRegistrationRepository clients) {
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(clients);
        handler.setPostLogoutRedirectUri("{baseUrl}/camunda/app/");
        return handler;
    }

    /**
     * Camunda's webapps trust the user Spring Security signed in (container-based authentication) instead of showing
     * their own login form. Runs after Spring Security's filter chain (order -100).
     */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappContainerAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider",
                SpringSecurityWebappAuthentication.class.getName()));
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(-90);
        return registration;
    }

    private static List<GrantedAuthority> groups(Collection<String> names) {
        return names == null ? List.of() : names.stream().map(g -> g.startsWith("/") ? g.substring(1) : g)
                .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    }
}
