package io.stratum.governance;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTP Basic against a real engine's identity service, with and without reuse of successful checks. The reuse period
 * is an hour here so that no assertion depends on how fast the test runs.
 */
class CamundaIdentityAuthenticationTests {

    @RegisterExtension
    ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    IdentityService identity;

    @BeforeEach
    void createUser() {
        identity = extension.getProcessEngine().getIdentityService();
        User jane = identity.newUser("jane");
        jane.setPassword("secret");
        identity.saveUser(jane);
        identity.saveGroup(identity.newGroup("auditors"));
        identity.createMembership("jane", "auditors");
    }

    @AfterEach
    void removeUser() {
        identity.deleteUser("jane");
        identity.deleteGroup("auditors");
    }

    @Test
    void successfulCheckIsReusedUntilAWrongPasswordDropsIt() {
        CamundaIdentityAuthentication auth = new CamundaIdentityAuthentication(identity, Duration.ofHours(1));
        assertThat(groups(auth.authenticate(basic("jane", "secret")))).containsExactly("auditors");

        // The password changes: the remembered check still answers for the old credentials...
        changePassword("jane", "new-secret");
        assertThat(auth.authenticate(basic("jane", "secret")).isAuthenticated()).isTrue();

        // ...until any wrong attempt for that user, which is never remembered and drops what was
        assertThatThrownBy(() -> auth.authenticate(basic("jane", "guess"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> auth.authenticate(basic("jane", "secret")))
                .isInstanceOf(BadCredentialsException.class);
        identity.unlockUser("jane");
        assertThat(groups(auth.authenticate(basic("jane", "new-secret")))).containsExactly("auditors");
    }

    @Test
    void withoutReuseEveryRequestIsChecked() {
        CamundaIdentityAuthentication auth = new CamundaIdentityAuthentication(identity, Duration.ZERO);
        assertThat(auth.authenticate(basic("jane", "secret")).isAuthenticated()).isTrue();
        changePassword("jane", "new-secret");
        assertThatThrownBy(() -> auth.authenticate(basic("jane", "secret")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> auth.authenticate(basic("nobody", "nobody")))
                .isInstanceOf(BadCredentialsException.class);
    }

    private void changePassword(String userId, String password) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        user.setPassword(password);
        identity.saveUser(user);
    }

    private static Authentication basic(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    private static java.util.List<String> groups(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
