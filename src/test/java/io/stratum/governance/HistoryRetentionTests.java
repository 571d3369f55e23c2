package io.stratum.governance;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention travels with the models: every executable process and every decision in processes/ has a history time
 * to live (the engine refuses to deploy without one, enforceHistoryTimeToLive), and the cleanup has a window.
 */
class HistoryRetentionTests {

    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";

    @Test
    void everyProcessAndDecisionHasAHistoryTimeToLive() throws Exception {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Path file : files()) {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            var doc = factory.newDocumentBuilder().parse(file.toFile());
            boolean dmn = file.toString().endsWith(".dmn");
            NodeList elements = doc.getElementsByTagNameNS("*", dmn ? "decision" : "process");
            for (int i = 0; i < elements.getLength(); i++) {
                Element e = (Element) elements.item(i);
                if (!dmn && !"true".equals(e.getAttribute("isExecutable"))) {
                    continue;
                }
                checked++;
                String ttl = e.getAttributeNS(dmn ? CAMUNDA_DMN : CAMUNDA, "historyTimeToLive");
                if (!ttl.matches("P\\d+D|\\d+")) {
                    missing.add(file.getFileName() + "#" + e.getAttribute("id") + " '" + ttl + "'");
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
        assertThat(missing).as("processes/decisions without a history time to live (days)").isEmpty();
    }

    @Test
    void historyCleanupHasAWindow() throws IOException {
        String yaml = Files.readString(Path.of("src/main/resources/application.yaml"));
        assertThat(yaml).contains("historyCleanupBatchWindowStartTime: \"${STRATUM_HISTORY_CLEANUP_START:")
                .contains("historyCleanupBatchWindowEndTime: \"${STRATUM_HISTORY_CLEANUP_END:")
                .contains("enforceHistoryTimeToLive: true");
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("processes"))) {
            return s.filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".dmn")).sorted().toList();
        }
    }
}
