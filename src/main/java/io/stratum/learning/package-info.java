/**
 * Learning: the retraining store that receives every human correction of an AI decision. Never imports org.camunda.
 */
package io.stratum.learning;
