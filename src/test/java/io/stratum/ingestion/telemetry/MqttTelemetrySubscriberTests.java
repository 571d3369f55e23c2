package io.stratum.ingestion.telemetry;

import io.stratum.ingestion.DurableAcknowledgements;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.nio.charset.StandardCharsets;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The broker forgets a QoS 1 message when the callback returns: by then it is stored and on disk, even when bad. */
class MqttTelemetrySubscriberTests {

    private final TelemetryIntake intake = mock(TelemetryIntake.class);
    private final DurableAcknowledgements durable = mock(DurableAcknowledgements.class);
    private final MqttTelemetrySubscriber subscriber = new MqttTelemetrySubscriber(intake,
            mock(TelemetrySettings.class, RETURNS_DEEP_STUBS), durable);
    private final MqttMessage message = new MqttMessage("{\"readings\":[]}".getBytes(StandardCharsets.UTF_8));

    @Test
    void aMessageIsStoredThenMadeDurableBeforeTheAcknowledgement() {
        subscriber.messageArrived("stratum/telemetry/pump-7", message);

        InOrder order = inOrder(intake, durable);
        order.verify(intake).ingest(eq("mqtt"), eq("stratum/telemetry/pump-7"), eq("pump-7"), any());
        order.verify(durable).persist();
    }

    @Test
    void aRejectedOrFailedMessageIsMadeDurableToo() {
        when(intake.ingest(any(), any(), any(), any())).thenThrow(new InvalidTelemetryException("no readings", java.util.List.of(), "raw-1"))
                .thenThrow(new IllegalStateException("scoring failed"));

        subscriber.messageArrived("stratum/telemetry/pump-7", message);
        subscriber.messageArrived("stratum/telemetry/pump-8", message);

        InOrder order = inOrder(intake, durable);
        order.verify(intake).ingest(any(), eq("stratum/telemetry/pump-7"), any(), any());
        order.verify(durable).persist();
        order.verify(intake).ingest(any(), eq("stratum/telemetry/pump-8"), any(), any());
        order.verify(durable).persist();
    }
}
