package io.stratum.intelligence.document;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentSettingsTests {

    @Test
    void applicationYamlShipsTheDefaults() throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
                .forEach(sources::addLast);
        Binder binder = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources));

        DocumentSettings settings = binder.bind("stratum.intelligence.documents", DocumentSettings.class).get();

        assertThat(settings).isEqualTo(DocumentSettings.defaults());
    }

    @Test
    void theReaderIsTheDocumentReaderBeanAndItsPoolClosesWithTheContext() {
        AtomicReference<OcrPool> pool = new AtomicReference<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withUserConfiguration(Documents.class)
                .withPropertyValues("stratum.intelligence.documents.ocr-threads=3",
                        "stratum.intelligence.documents.tessdata=/opt/tessdata")
                .run(context -> {
                    assertThat(context).hasSingleBean(DocumentReader.class);
                    assertThat(context.getBean(DocumentReader.class)).isInstanceOf(OcrDocumentReader.class);
                    pool.set(context.getBean(OcrPool.class));
                    assertThat(pool.get().threads()).isEqualTo(3);
                    assertThat(pool.get().closed()).isFalse();
                    assertThat(context.getBean(DocumentSettings.class).tessdata()).isEqualTo(Path.of("/opt/tessdata"));
                    assertThat(context.getBean(DocumentSettings.class).readEmbeddedXml()).isTrue();
                });
        assertThat(pool.get().closed()).isTrue();
    }

    @Configuration
    @EnableConfigurationProperties(DocumentSettings.class)
    @Import({OcrPool.class, OcrDocumentReader.class})
    static class Documents {
    }
}
