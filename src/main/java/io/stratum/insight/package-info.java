/**
 * Insight (cross-cutting): metrics and views for operations leaders and auditors.
 */
package io.stratum.insight;
