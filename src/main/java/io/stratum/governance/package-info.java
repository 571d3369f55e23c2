/**
 * Governance (cross-cutting): identity and authorization (built-in Camunda users by default), the hash-chained
 * decision log. Consumes events from the other layers; nobody depends on it.
 */
package io.stratum.governance;
