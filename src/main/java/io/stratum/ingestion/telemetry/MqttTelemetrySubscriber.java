package io.stratum.ingestion.telemetry;

import io.stratum.ingestion.DurableAcknowledgements;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Subscribes to telemetry over MQTT v5 ({@code stratum/telemetry/{assetId}}, JSON). The default filter is a shared
 * subscription ({@code $share/stratum/...}), so the broker splits the stream between the nodes. Each message goes
 * through {@link TelemetryIntake} like a REST batch; a message that cannot be read is dead-lettered there and
 * acknowledged, so a poison message is never redelivered forever. Reconnects (and resubscribes) by itself.
 */
@Component
@ConditionalOnExpression("'${stratum.telemetry.mqtt.broker-url:}' != ''")
class MqttTelemetrySubscriber implements SmartLifecycle, MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(MqttTelemetrySubscriber.class);
    static final String TOPIC_PREFIX = "stratum/telemetry/";

    private final TelemetryIntake intake;
    private final TelemetrySettings.Mqtt settings;
    private final DurableAcknowledgements durable;
    private volatile MqttAsyncClient client;

    MqttTelemetrySubscriber(TelemetryIntake intake, TelemetrySettings settings, DurableAcknowledgements durable) {
        this.intake = intake;
        this.settings = settings.mqtt();
        this.durable = durable;
    }

    @Override
    public void start() {
        String clientId = StringUtils.hasText(settings.clientId()) ? settings.clientId()
                : "stratum-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            client = new MqttAsyncClient(settings.brokerUrl(), clientId, new MemoryPersistence());
            client.setCallback(this);
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setAutomaticReconnect(true);
            options.setCleanStart(true);
            options.setConnectionTimeout(10);
            if (StringUtils.hasText(settings.username())) {
                options.setUserName(settings.username());
                options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
            }
            client.connect(options).waitForCompletion(15_000);
        } catch (MqttException e) {
            // The server still starts: the automatic reconnect is not armed before a first connect, so say it loud.
            log.error("MQTT telemetry: cannot connect to {}: {}", settings.brokerUrl(), e.getMessage());
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        try {
            client.subscribe(new MqttSubscription(settings.topicFilter(), settings.qos()));
            log.info("MQTT telemetry: subscribed to {} on {}", settings.topicFilter(), serverURI);
        } catch (MqttException e) {
            log.error("MQTT telemetry: cannot subscribe to {}: {}", settings.topicFilter(), e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        String assetId = topic.startsWith(TOPIC_PREFIX) ? topic.substring(TOPIC_PREFIX.length()) : null;
        try {
            intake.ingest("mqtt", topic, assetId == null || assetId.isEmpty() || assetId.contains("/") ? null : assetId,
                    message.getPayload());
        } catch (InvalidTelemetryException e) {
            log.debug("MQTT telemetry on {} rejected: {}", topic, e.getMessage());
        } catch (RuntimeException e) {
            // Stored raw before the failure; acknowledged anyway: a retry loop on one message would stall the stream.
            log.warn("MQTT telemetry on {} failed after it was stored: {}", topic, e.toString());
        }
        // The broker forgets a QoS 1 message once this returns: it must be on disk by then.
        durable.persist();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        log.warn("MQTT telemetry: disconnected ({}), reconnecting", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT telemetry: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // subscriber only
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    boolean connected() {
        return client != null && client.isConnected();
    }

    @Override
    public void stop() {
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect().waitForCompletion(5_000);
            }
            c.close();
        } catch (MqttException e) {
            log.debug("MQTT telemetry: close failed: {}", e.getMessage());
        }
        client = null;
    }

    @Override
    public boolean isRunning() {
        return client != null;
    }
}
