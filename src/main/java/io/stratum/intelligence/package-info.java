/**
 * Intelligence: DJL models trained and served in-process (text classification, reply drafting), model registry.
 * Never imports org.camunda.
 */
package io.stratum.intelligence;
