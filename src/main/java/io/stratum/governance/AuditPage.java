package io.stratum.governance;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The auditor view lives at {@code /audit/} (static/audit/index.html, served from the jar). */
@Configuration
class AuditPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/audit", "/audit/");
        registry.addViewController("/audit/").setViewName("forward:/audit/index.html");
    }
}
