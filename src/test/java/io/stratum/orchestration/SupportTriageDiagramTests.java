package io.stratum.orchestration;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diagram is complete (Modeler and Cockpit draw every element) and the ids in the BPMN and the constants class
 * agree.
 */
class SupportTriageDiagramTests {

    private static BpmnModelInstance model() throws Exception {
        try (InputStream in = SupportTriageDiagramTests.class.getClassLoader()
                .getResourceAsStream("processes/support-triage.bpmn")) {
            assertThat(in).as("processes/support-triage.bpmn on the classpath").isNotNull();
            return Bpmn.readModelFromStream(in);
        }
    }

    @Test
    void everyFlowNodeHasAShapeAndEveryFlowAnEdge() throws Exception {
        // Given the process model
        BpmnModelInstance model = model();

        // When shapes and edges are collected
        Set<String> shaped = model.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edged = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());

        // Then nothing is left out, and every edge has at least two waypoints
        List<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(BaseElement::getId).toList();
        List<String> flows = model.getModelElementsByType(SequenceFlow.class).stream().map(BaseElement::getId)
                .toList();
        assertThat(nodes).hasSizeGreaterThan(15);
        assertThat(shaped).containsAll(nodes);
        assertThat(edged).containsAll(flows);
        assertThat(model.getModelElementsByType(BpmnEdge.class))
                .allSatisfy(e -> assertThat(e.getWaypoints()).hasSizeGreaterThanOrEqualTo(2));
    }

    @Test
    void everyElementIdConstantExistsInTheModel() throws Exception {
        // Given the constants class and the model
        BpmnModelInstance model = model();
        List<String> missing = new ArrayList<>();

        // When each element id constant is looked up
        for (Field field : SupportTriageProcess.Element.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String id = (String) field.get(null);
                if (model.getModelElementById(id) == null) {
                    missing.add(id);
                }
            }
        }

        // Then none is missing
        assertThat(missing).isEmpty();
    }

    @Test
    void everyDecisionHasADiagramShape() throws Exception {
        // Given the DMN file
        String dmn = Files.readString(Path.of("processes/support-priority.dmn"));

        // When decisions and DMNDI shapes are listed
        Set<String> decisions = ids(dmn, "<decision id=\"([^\"]+)\"");
        Set<String> shapes = ids(dmn, "dmnElementRef=\"([^\"]+)\"");

        // Then every decision is drawn
        assertThat(decisions).containsExactlyInAnyOrder("support-priority", "support-routing");
        assertThat(shapes).containsAll(decisions);
    }

    private static Set<String> ids(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        Set<String> ids = new java.util.HashSet<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
