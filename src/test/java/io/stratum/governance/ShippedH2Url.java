package io.stratum.governance;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default's H2 URL as application.yaml ships it, pointed at a test's own data directory. */
final class ShippedH2Url {

    private ShippedH2Url() {
    }

    static String in(Path dataDir) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("src/main/resources/application.yaml"));
        Properties p = yaml.getObject();
        String url = p.getProperty("spring.datasource.url")
                .replace("${STRATUM_DB_URL:", "").replaceAll("}$", "")
                .replace("${stratum.data-dir}", dataDir.toString());
        assertThat(url).startsWith("jdbc:h2:file:");
        return url;
    }
}
