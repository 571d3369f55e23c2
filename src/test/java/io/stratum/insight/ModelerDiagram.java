package io.stratum.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes small BPMN diagrams the way Camunda Modeler does after an analyst applied Stratum's element templates: each
 * template's property bindings become attributes, input parameters and extension properties, the element remembers
 * its template (camunda:modelerTemplate), and the diagram carries DI. Values given by the caller override the
 * template's defaults; an empty value leaves the binding out.
 */
final class ModelerDiagram {

    static final String CLASSIFY_TEXT = "io.stratum.classify-text";
    static final String REQUEST_REVIEW = "io.stratum.request-review";

    private ModelerDiagram() {
    }

    /** Start, "Classify text" service task, end. */
    static String classifyTextProcess(String key, Path templates, Map<String, String> inputs) throws IOException {
        String classify = element("bpmn:serviceTask", "Activity_Classify", "Classify message",
                apply(templates, CLASSIFY_TEXT, inputs), "Flow_1", "Flow_2");
        return diagram(key, classify, "", false);
    }

    /** Start, "Classify text" service task, "Request review" user task, end. */
    static String classifyAndReviewProcess(String key, Path templates, Map<String, String> classifyInputs,
                                           Map<String, String> reviewInputs) throws IOException {
        String classify = element("bpmn:serviceTask", "Activity_Classify", "Classify message",
                apply(templates, CLASSIFY_TEXT, classifyInputs), "Flow_1", "Flow_2");
        String review = element("bpmn:userTask", "Activity_Review", "Review classification",
                apply(templates, REQUEST_REVIEW, reviewInputs), "Flow_2", "Flow_3");
        return diagram(key, classify, review, true);
    }

    /** One task of a {@link #chain}: a template applied to a BPMN element. */
    record Step(String type, String id, String name, Path templates, String templateId, Map<String, String> values) {
    }

    /** Start, the steps in a row, end: any number of templated tasks, with DI for each. */
    static String chain(String key, String processName, java.util.List<Step> steps) throws IOException {
        StringBuilder elements = new StringBuilder();
        StringBuilder shapes = new StringBuilder();
        String previous = "StartEvent_1";
        int x = 240;
        int previousRight = 188;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String in = "Flow_" + (i + 1);
            String out = "Flow_" + (i + 2);
            elements.append(flow(in, previous, step.id()));
            elements.append(element(step.type(), step.id(), step.name(),
                    apply(step.templates(), step.templateId(), step.values()), in, out));
            shapes.append(shape(step.id(), x, 80, 100, 80)).append(edge(in, previousRight, x));
            previous = step.id();
            previousRight = x + 100;
            x += 150;
        }
        String last = "Flow_" + (steps.size() + 1);
        elements.append(flow(last, previous, "EndEvent_1"));
        shapes.append(shape("EndEvent_1", x, 102, 36, 36)).append(edge(last, previousRight, x));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
                xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" \
                xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" \
                xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_%1$s" \
                targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.40.0" \
                modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">
                  <bpmn:process id="%1$s" name="%2$s" isExecutable="true" camunda:historyTimeToLive="P30D">
                    <bpmn:startEvent id="StartEvent_1" name="Start">
                      <bpmn:outgoing>Flow_1</bpmn:outgoing>
                    </bpmn:startEvent>
                %3$s    <bpmn:endEvent id="EndEvent_1" name="Done">
                      <bpmn:incoming>%4$s</bpmn:incoming>
                    </bpmn:endEvent>
                  </bpmn:process>
                  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
                    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="%1$s">
                      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
                        <dc:Bounds x="152" y="102" width="36" height="36" />
                      </bpmndi:BPMNShape>
                %5$s    </bpmndi:BPMNPlane>
                  </bpmndi:BPMNDiagram>
                </bpmn:definitions>
                """.formatted(key, xml(processName), elements, last, shapes);
    }

    private static String flow(String id, String source, String target) {
        return "    <bpmn:sequenceFlow id=\"%s\" sourceRef=\"%s\" targetRef=\"%s\" />\n".formatted(id, source, target);
    }

    private static String shape(String element, int x, int y, int width, int height) {
        return """
                      <bpmndi:BPMNShape id="%1$s_di" bpmnElement="%1$s">
                        <dc:Bounds x="%2$d" y="%3$d" width="%4$d" height="%5$d" />
                      </bpmndi:BPMNShape>
                """.formatted(element, x, y, width, height);
    }

    private static String edge(String flow, int fromX, int toX) {
        return """
                      <bpmndi:BPMNEdge id="%1$s_di" bpmnElement="%1$s">
                        <di:waypoint x="%2$d" y="120" />
                        <di:waypoint x="%3$d" y="120" />
                      </bpmndi:BPMNEdge>
                """.formatted(flow, fromX, toX);
    }

    record Applied(String templateId, int version, String attributes, String extensions) {
    }

    static Applied apply(Path templates, String templateId, Map<String, String> values) throws IOException {
        JsonNode template = null;
        for (JsonNode t : new ObjectMapper().readTree(templates.toFile())) {
            if (templateId.equals(t.path("id").asText())) {
                template = t;
            }
        }
        if (template == null) {
            throw new IllegalStateException("No template " + templateId + " in " + templates);
        }
        StringBuilder attributes = new StringBuilder();
        StringBuilder parameters = new StringBuilder();
        StringBuilder properties = new StringBuilder();
        for (JsonNode property : template.path("properties")) {
            JsonNode binding = property.path("binding");
            String name = binding.path("name").asText();
            String value = values.getOrDefault(name, property.path("value").asText(""));
            if (value.isEmpty()) {
                continue;
            }
            switch (binding.path("type").asText()) {
                case "property" -> {
                    if (!"false".equals(value)) {
                        attributes.append(' ').append(name).append("=\"").append(xml(value)).append('"');
                    }
                }
                case "camunda:inputParameter" -> parameters.append("          <camunda:inputParameter name=\"")
                        .append(xml(name)).append("\">").append(xml(value)).append("</camunda:inputParameter>\n");
                case "camunda:property" -> properties.append("          <camunda:property name=\"").append(xml(name))
                        .append("\" value=\"").append(xml(value)).append("\" />\n");
                default -> throw new IllegalStateException("Binding not handled here: " + binding);
            }
        }
        String extensions = (properties.isEmpty() ? "" : "        <camunda:properties>\n" + properties
                + "        </camunda:properties>\n")
                + (parameters.isEmpty() ? "" : "        <camunda:inputOutput>\n" + parameters
                + "        </camunda:inputOutput>\n");
        return new Applied(templateId, template.path("version").asInt(), attributes.toString(), extensions);
    }

    private static String element(String type, String id, String name, Applied applied, String in, String out) {
        return """
                    <%1$s id="%2$s" name="%3$s" camunda:modelerTemplate="%4$s" camunda:modelerTemplateVersion="%5$d"%6$s>
                      <bpmn:extensionElements>
                %7$s      </bpmn:extensionElements>
                      <bpmn:incoming>%8$s</bpmn:incoming>
                      <bpmn:outgoing>%9$s</bpmn:outgoing>
                    </%1$s>
                """.formatted(type, id, name, applied.templateId(), applied.version(), applied.attributes(),
                applied.extensions(), in, out);
    }

    private static String diagram(String key, String classify, String review, boolean withReview) {
        String last = withReview ? "Flow_3" : "Flow_2";
        String endX = withReview ? "542" : "392";
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
                %2$s%3$s    <bpmn:sequenceFlow id="Flow_2" sourceRef="Activity_Classify" targetRef="%4$s" />
                %5$s    <bpmn:endEvent id="EndEvent_1" name="Done">
                      <bpmn:incoming>%6$s</bpmn:incoming>
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
                %7$s      <bpmndi:BPMNShape id="EndEvent_1_di" bpmnElement="EndEvent_1">
                        <dc:Bounds x="%8$s" y="102" width="36" height="36" />
                      </bpmndi:BPMNShape>
                      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1">
                        <di:waypoint x="188" y="120" />
                        <di:waypoint x="240" y="120" />
                      </bpmndi:BPMNEdge>
                      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2">
                        <di:waypoint x="340" y="120" />
                        <di:waypoint x="390" y="120" />
                      </bpmndi:BPMNEdge>
                %9$s    </bpmndi:BPMNPlane>
                  </bpmndi:BPMNDiagram>
                </bpmn:definitions>
                """.formatted(key, classify, review, withReview ? "Activity_Review" : "EndEvent_1",
                withReview ? "    <bpmn:sequenceFlow id=\"Flow_3\" sourceRef=\"Activity_Review\" targetRef=\"EndEvent_1\" />\n" : "",
                last,
                withReview ? """
                              <bpmndi:BPMNShape id="Activity_Review_di" bpmnElement="Activity_Review">
                                <dc:Bounds x="390" y="80" width="100" height="80" />
                              </bpmndi:BPMNShape>
                        """ : "",
                endX,
                withReview ? """
                              <bpmndi:BPMNEdge id="Flow_3_di" bpmnElement="Flow_3">
                                <di:waypoint x="490" y="120" />
                                <di:waypoint x="542" y="120" />
                              </bpmndi:BPMNEdge>
                        """ : "");
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
