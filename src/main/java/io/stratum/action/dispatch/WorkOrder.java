package io.stratum.action.dispatch;

import java.time.Instant;

/** A booked technician visit for a maintenance case. */
public record WorkOrder(String id, String caseId, String assetId, String technicianId, Instant visitStart,
                        Instant visitEnd, String failureMode, String status, String outcome, Instant createdAt) {
}
