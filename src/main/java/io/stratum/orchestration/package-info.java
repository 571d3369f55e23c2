/**
 * Orchestration: the Camunda 7 engine's view of Stratum. Thin, generic delegates and listeners that map BPMN
 * variables onto the other layers' APIs; domain failures become BPMN errors, technical ones incidents.
 */
package io.stratum.orchestration;
