package io.stratum.action.payment;

/**
 * A payment that went out.
 *
 * @param messageId       pain.001 GrpHdr/MsgId
 * @param endToEndId      the credit transfer's EndToEndId (the invoice reference the seller sees)
 * @param ledgerEntryId   the one ledger entry of this payment
 * @param alreadyExecuted true when an earlier call did the work and this one only returned it
 */
public record ExecutedPayment(String paymentId, String messageId, String endToEndId, long ledgerEntryId,
                              boolean alreadyExecuted) {
}
