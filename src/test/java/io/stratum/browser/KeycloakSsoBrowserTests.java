package io.stratum.browser;

import io.stratum.StratumIntegrationTest;
import io.stratum.governance.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on in Chromium, profile keycloak: Tasklist sends the browser to Keycloak's login page, the approver
 * signs in there and lands in Tasklist as himself; signing out ends the Keycloak session, so Tasklist asks again.
 */
@StratumIntegrationTest
@ActiveProfiles({"test", "keycloak"})
class KeycloakSsoBrowserTests {

    static KeycloakServer keycloak;

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        keycloak = KeycloakServer.shared();
        registry.add("stratum.keycloak.url", keycloak::url);
    }

    @LocalServerPort
    int port;

    @Test
    void approverSignsInToTasklistThroughKeycloakAndOut() throws Exception {
        String base = "http://localhost:" + port;
        try (Browser browser = new Browser()) {
            try {
                signInAndOut(browser, base);
            } catch (RuntimeException | AssertionError e) {
                browser.screenshot("keycloak-sso-failure");
                throw new AssertionError("At " + browser.driver.getCurrentUrl() + ": " + e.getMessage(), e);
            }
        }
    }

    private void signInAndOut(Browser browser, String base) throws Exception {
        browser.driver.get(base + "/camunda/app/tasklist/");
        // Keycloak's own login page (plain HTML: ordinary keys and clicks work there).
        browser.waitFor(By.id("username"), Duration.ofSeconds(60)).sendKeys("approver");
        assertThat(browser.driver.getCurrentUrl()).startsWith(keycloak.issuer());
        browser.driver.findElement(By.id("password")).sendKeys("approver");
        browser.screenshot("keycloak-login");
        browser.driver.findElement(By.id("kc-login")).click();

        // Back in Tasklist, signed in as the approver: his name from Keycloak in the header, no Camunda login.
        new WebDriverWait(browser.driver, Duration.ofSeconds(90)).until(ExpectedConditions
                .textToBePresentInElementLocated(By.tagName("body"), "Arne Approver"));
        assertThat(browser.driver.getCurrentUrl()).startsWith(base + "/camunda/app/tasklist/");
        assertThat(browser.driver.findElements(By.cssSelector("form[name='signinForm']"))).isEmpty();
        browser.screenshot("keycloak-sso-tasklist");

        // Signing out ends the Keycloak session too: the next visit meets Keycloak's login page again.
        browser.driver.get(base + "/logout");
        browser.waitFor(By.id("username"), Duration.ofSeconds(60));
        assertThat(browser.driver.getCurrentUrl()).startsWith(keycloak.issuer());
    }
}
