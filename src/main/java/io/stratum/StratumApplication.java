package io.stratum;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.nio.file.Path;

/**
 * Stratum server: Camunda 7 engine, REST API, webapps and the Stratum layers in one process.
 */
@SpringBootApplication
@EnableProcessApplication("stratum")
@ConfigurationPropertiesScan
@EnableScheduling
public class StratumApplication {

    public static void main(String[] args) {
        offlineDefaults();
        SpringApplication.run(StratumApplication.class, args);
    }

    /**
     * DJL must never reach a model hub, and natives come from Maven jars; set these before any DJL class loads
     * unless the operator already did.
     */
    public static void offlineDefaults() {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            String dataDir = System.getenv().getOrDefault("STRATUM_DATA_DIR", "data");
            String cache = Path.of(dataDir, "djl-cache").toAbsolutePath().toString();
            System.setProperty("DJL_CACHE_DIR", cache);
            System.setProperty("ENGINE_CACHE_DIR", cache);
        }
    }
}
