package io.stratum.action.purchasing;

import java.math.BigDecimal;
import java.util.List;

/**
 * Result of a 3-way match, as numbers for the tolerance DMN.
 *
 * @param orderFound          false: no such order (a discrepancy of its own)
 * @param maxPriceDeviation   largest |invoiced - ordered| / ordered unit price over matched lines
 * @param maxQuantityExcess   largest (invoiced - received) / received quantity over matched lines (0 when none over)
 * @param amountDeviation     |invoice net - ordered value of the invoiced quantities| / that value
 * @param unmatchedLines      invoice lines that match no order line
 * @param findings            readable sentences for the discrepancy task, one per problem
 */
public record MatchReport(boolean orderFound, BigDecimal maxPriceDeviation, BigDecimal maxQuantityExcess,
                          BigDecimal amountDeviation, int unmatchedLines, List<String> findings) {
}
