package io.stratum.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a small BPMN diagram the way Camunda Modeler does after an analyst applied the "Classify text" element
 * template: the template's property bindings become attributes and input parameters, the element remembers its
 * template (camunda:modelerTemplate), and the diagram carries DI.
 */
final class ModelerDiagram {

    static final String TEMPLATE_ID = "io.stratum.classify-text";

    private ModelerDiagram() {
    }

    static String classifyTextProcess(String key, Path templates, Map<String, String> inputs) throws IOException {
        JsonNode template = null;
        for (JsonNode t : new ObjectMapper().readTree(templates.toFile())) {
            if (TEMPLATE_ID.equals(t.path("id").asText())) {
                template = t;
            }
        }
        if (template == null) {
            throw new IllegalStateException("No template " + TEMPLATE_ID + " in " + templates);
        }
        StringBuilder attributes = new StringBuilder();
        StringBuilder parameters = new StringBuilder();
        for (JsonNode property : template.path("properties")) {
            JsonNode binding = property.path("binding");
            String name = binding.path("name").asText();
            String value = inputs.getOrDefault(name, property.path("value").asText(""));
            switch (binding.path("type").asText()) {
                case "property" -> {
                    if (!value.isEmpty() && !"false".equals(value)) {
                        attributes.append(' ').append(name).append("=\"").append(xml(value)).append('"');
                    }
                }
                case "camunda:inputParameter" -> parameters.append("          <camunda:inputParameter name=\"")
                        .append(xml(name)).append("\">").append(xml(value)).append("</camunda:inputParameter>\n");
                default -> throw new IllegalStateException("Binding not handled here: " + binding);
            }
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
                xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" \
                xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" \
                xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_%1$s" \
                targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.40.0" \
                modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">
                  <bpmn:process id="%1$s" name="Classify a message" isExecutable="true" camunda:historyTimeToLive="P30D">
                    <bpmn:startEvent id="StartEvent_1" name="Message in">
                      <bpmn:outgoing>Flow_1</bpmn:outgoing>
                    </bpmn:startEvent>
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Activity_Classify" />
                    <bpmn:serviceTask id="Activity_Classify" name="Classify message" \
                camunda:modelerTemplate="%2$s" camunda:modelerTemplateVersion="%3$d"%4$s>
                      <bpmn:extensionElements>
                        <camunda:inputOutput>
                %5$s        </camunda:inputOutput>
                      </bpmn:extensionElements>
                      <bpmn:incoming>Flow_1</bpmn:incoming>
                      <bpmn:outgoing>Flow_2</bpmn:outgoing>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_Classify" targetRef="EndEvent_1" />
                    <bpmn:endEvent id="EndEvent_1" name="Classified">
                      <bpmn:incoming>Flow_2</bpmn:incoming>
                    </bpmn:endEvent>
                  </bpmn:process>
                  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
                    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="%1$s">
                      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
                        <dc:Bounds x="152" y="102" width="36" height="36" />
                      </bpmndi:BPMNShape>
                      <bpmndi:BPMNShape id="Activity_Classify_di" bpmnElement="Activity_Classify">
                        <dc:Bounds x="240" y="80" width="100" height="80" />
                      </bpmndi:BPMNShape>
                      <bpmndi:BPMNShape id="EndEvent_1_di" bpmnElement="EndEvent_1">
                        <dc:Bounds x="392" y="102" width="36" height="36" />
                      </bpmndi:BPMNShape>
                      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1">
                        <di:waypoint x="188" y="120" />
                        <di:waypoint x="240" y="120" />
                      </bpmndi:BPMNEdge>
                      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2">
                        <di:waypoint x="340" y="120" />
                        <di:waypoint x="392" y="120" />
                      </bpmndi:BPMNEdge>
                    </bpmndi:BPMNPlane>
                  </bpmndi:BPMNDiagram>
                </bpmn:definitions>
                """.formatted(key, TEMPLATE_ID, template.path("version").asInt(), attributes, parameters);
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
