package io.stratum.orchestration;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/** Reads {@code <camunda:property>} flags from a BPMN element while the diagram is parsed (Modeler's Properties tab). */
public final class CamundaProperties {

    private static final Namespace CAMUNDA = new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS);

    private CamundaProperties() {
    }

    /** Whether the element carries {@code <camunda:property name="NAME" value="true"/>}. */
    public static boolean isTrue(Element element, String name) {
        Element extensions = element.element("extensionElements");
        Element properties = extensions == null ? null : extensions.elementNS(CAMUNDA, "properties");
        if (properties == null) {
            return false;
        }
        for (Element property : properties.elementsNS(CAMUNDA, "property")) {
            if (name.equals(property.attribute("name")) && "true".equals(property.attribute("value"))) {
                return true;
            }
        }
        return false;
    }
}
