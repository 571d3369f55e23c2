package io.stratum.insight;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.MessageFlow;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every diagram in processes/ can be opened in Modeler and drawn by Cockpit: each BPMN flow node (boundary events and
 * sub-process contents included), lane and pool has a shape, each sequence and message flow an edge; each DMN
 * decision, input data and knowledge element has a DMNDI shape and each requirement an edge. One test per file, so
 * new diagrams are checked without touching this class.
 */
class DiagramCoverageTests {

    static final Path PROCESSES = Path.of("processes");
    static final Set<String> DMN_NODES = Set.of("decision", "inputData", "businessKnowledgeModel", "knowledgeSource");
    static final Set<String> DMN_REQUIREMENTS =
            Set.of("informationRequirement", "knowledgeRequirement", "authorityRequirement");

    @TestFactory
    Stream<DynamicTest> everyBpmnElementIsDrawn() throws IOException {
        List<Path> files = files(".bpmn");
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> assertBpmnDrawn(file)));
    }

    @Test
    void aMissingShapeOrEdgeIsReported(@TempDir Path dir) throws IOException {
        String diagram = ModelerDiagram.classifyTextProcess("coverage",
                Path.of("deployment/modeler/element-templates/stratum.json"), java.util.Map.of());
        Path complete = dir.resolve("complete.bpmn");
        Files.writeString(complete, diagram);
        assertBpmnDrawn(complete);
        Path noShape = dir.resolve("no-shape.bpmn");
        Files.writeString(noShape, diagram.replaceFirst(
                "(?s)<bpmndi:BPMNShape id=\"Activity_Classify_di\".*?</bpmndi:BPMNShape>", ""));
        assertThatThrownBy(() -> assertBpmnDrawn(noShape)).hasMessageContaining("Activity_Classify");
        Path noEdge = dir.resolve("no-edge.bpmn");
        Files.writeString(noEdge, diagram.replaceFirst(
                "(?s)<bpmndi:BPMNEdge id=\"Flow_2_di\".*?</bpmndi:BPMNEdge>", ""));
        assertThatThrownBy(() -> assertBpmnDrawn(noEdge)).hasMessageContaining("Flow_2");
    }

    @Test
    void aDiagramComposedFromTheGenericTemplatesIsFullyDrawn(@TempDir Path dir) throws IOException {
        Path generic = Path.of("deployment/modeler/element-templates/stratum-generic.json");
        String diagram = ModelerDiagram.chain("coverage-generic", "Generic components", List.of(
                new ModelerDiagram.Step("bpmn:serviceTask", "Activity_Predict", "Predict", generic,
                        "io.stratum.predict", java.util.Map.of()),
                new ModelerDiagram.Step("bpmn:serviceTask", "Activity_Call", "Call", generic,
                        "io.stratum.call-http-api", java.util.Map.of("url", "https://api.example.com/x")),
                new ModelerDiagram.Step("bpmn:serviceTask", "Activity_Record", "Record", generic,
                        "io.stratum.upsert-record", java.util.Map.of("recordType", "t", "recordKey", "k"))));
        Path file = dir.resolve("generic.bpmn");
        Files.writeString(file, diagram);
        assertBpmnDrawn(file);
        assertThat(diagram).contains("camunda:modelerTemplate=\"io.stratum.call-http-api\"",
                "camunda:asyncBefore=\"true\"", "<camunda:inputParameter name=\"url\">https://api.example.com/x<");
    }

    static void assertBpmnDrawn(Path file) {
        {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            Set<String> shaped = new HashSet<>();
            model.getModelElementsByType(BpmnShape.class).forEach(s -> shaped.add(s.getBpmnElement().getId()));
            Set<String> edged = new HashSet<>();
            model.getModelElementsByType(BpmnEdge.class).forEach(e -> edged.add(e.getBpmnElement().getId()));

            List<String> needShapes = new ArrayList<>();
            Stream.of(FlowNode.class, Lane.class, Participant.class).forEach(type ->
                    model.getModelElementsByType(type).forEach(e -> needShapes.add(((BaseElement) e).getId())));
            List<String> needEdges = new ArrayList<>();
            Stream.of(SequenceFlow.class, MessageFlow.class).forEach(type ->
                    model.getModelElementsByType(type).forEach(e -> needEdges.add(((BaseElement) e).getId())));

            assertThat(needShapes).as(file + ": flow nodes").isNotEmpty();
            assertThat(needShapes.stream().filter(id -> !shaped.contains(id)).toList())
                    .as(file + ": elements without BPMNShape").isEmpty();
            assertThat(needEdges.stream().filter(id -> !edged.contains(id)).toList())
                    .as(file + ": flows without BPMNEdge").isEmpty();
            assertThat(model.getModelElementsByType(BpmnEdge.class))
                    .allSatisfy(e -> assertThat(e.getWaypoints()).as(e.getId()).hasSizeGreaterThanOrEqualTo(2));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDmnElementIsDrawn() throws IOException {
        return files(".dmn").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document dmn = factory.newDocumentBuilder().parse(file.toFile());
            Set<String> shaped = refs(dmn, "DMNShape");
            Set<String> edged = refs(dmn, "DMNEdge");
            List<String> nodes = ids(dmn, DMN_NODES);
            assertThat(nodes).as(file + ": decisions").isNotEmpty();
            assertThat(nodes.stream().filter(id -> !shaped.contains(id)).toList())
                    .as(file + ": elements without DMNShape").isEmpty();
            assertThat(ids(dmn, DMN_REQUIREMENTS).stream().filter(id -> !edged.contains(id)).toList())
                    .as(file + ": requirements without DMNEdge").isEmpty();
        }));
    }

    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static Set<String> refs(Document dmn, String diElement) {
        Set<String> refs = new HashSet<>();
        NodeList list = dmn.getElementsByTagNameNS("*", diElement);
        for (int i = 0; i < list.getLength(); i++) {
            refs.add(((Element) list.item(i)).getAttribute("dmnElementRef"));
        }
        return refs;
    }

    /** Ids of the named elements; a requirement without an id cannot be referenced by DI and is skipped. */
    private static List<String> ids(Document dmn, Set<String> localNames) {
        List<String> ids = new ArrayList<>();
        NodeList all = dmn.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (localNames.contains(e.getLocalName()) && !e.getAttribute("id").isEmpty()) {
                ids.add(e.getAttribute("id"));
            }
        }
        return ids;
    }
}
