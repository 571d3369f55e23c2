package io.stratum.insight;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operations dashboard page at {@code /ops/} (static files under {@code static/ops/}, ECharts from its webjar).
 * Static resources have no directory index, so the folder URL forwards to the page.
 */
@Configuration
class OperationsPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/ops", "/ops/");
        registry.addViewController("/ops/").setViewName("forward:/ops/index.html");
    }
}
