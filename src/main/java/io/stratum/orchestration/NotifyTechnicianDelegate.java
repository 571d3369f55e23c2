package io.stratum.orchestration;

import io.stratum.action.Mailer;
import io.stratum.action.dispatch.IcsInvitation;
import io.stratum.action.dispatch.Technician;
import io.stratum.action.dispatch.Technicians;
import io.stratum.action.dispatch.WorkOrder;
import io.stratum.action.dispatch.WorkOrders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import static io.stratum.orchestration.PredictiveMaintenanceProcess.Var.*;

/**
 * Mails the technician the work order with an iCalendar invitation as a {@code text/calendar} attachment
 * (idempotency key {@code visit:<workOrderId>}, so a retried job sends one mail).
 */
@Component
public class NotifyTechnicianDelegate implements JavaDelegate {

    static final String CALENDAR_TYPE = "text/calendar; charset=UTF-8; method=REQUEST";

    private final Mailer mailer;
    private final Technicians technicians;
    private final WorkOrders workOrders;
    private final MaintenanceSettings settings;

    public NotifyTechnicianDelegate(Mailer mailer, Technicians technicians, WorkOrders workOrders,
                                    MaintenanceSettings settings) {
        this.mailer = mailer;
        this.technicians = technicians;
        this.workOrders = workOrders;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String workOrderId = (String) execution.getVariable(WORK_ORDER_ID);
        WorkOrder order = workOrders.find(workOrderId)
                .orElseThrow(() -> new IllegalStateException("work order " + workOrderId + " not found"));
        Technician technician = technicians.find(order.technicianId())
                .orElseThrow(() -> new IllegalStateException("technician " + order.technicianId() + " not found"));
        String asset = execution.getVariable(ASSET_NAME) + " (" + order.assetId() + ")";
        String summary = "Maintenance visit " + order.id() + ": " + asset;
        String details = "Failure probability " + String.format(java.util.Locale.ROOT, "%.2f",
                ((Number) execution.getVariable(MAX_FAILURE_PROBABILITY)).doubleValue())
                + ", likely failure mode " + (order.failureMode() == null ? "unknown" : order.failureMode())
                + ". Report the outcome in Stratum when done.";
        String ics = IcsInvitation.of(order, summary, asset, ((Number) execution.getVariable(LAT)).doubleValue(),
                ((Number) execution.getVariable(LON)).doubleValue(), details, settings.dispatcherAddress(),
                technician.email(), ClockUtil.now().toInstant());
        String body = "Hello " + technician.name() + ",\n\nyou are booked for " + summary + " from "
                + order.visitStart() + " to " + order.visitEnd() + " (UTC).\n" + details
                + "\n\nThe attached invitation (" + order.id() + ".ics) puts the visit in your calendar.";
        // Same key and same UID on every retry: one mail, one calendar entry.
        mailer.send("visit:" + order.id(), technician.email(), summary, body,
                new Mailer.Attachment(order.id() + ".ics", CALENDAR_TYPE, ics));
    }
}
