/**
 * Engine support for what Camunda Modeler's element templates cannot express themselves
 * (deployment/modeler/element-templates/).
 */
package io.stratum.orchestration.modeler;
