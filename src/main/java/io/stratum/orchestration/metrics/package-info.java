/**
 * Engine side of Insight's metrics: the Camunda adapter that turns history events and the engine's own meters into
 * Micrometer meters. It lives here because only orchestration and governance may see the engine; metric names are
 * documented in {@code io.stratum.insight}.
 */
package io.stratum.orchestration.metrics;
