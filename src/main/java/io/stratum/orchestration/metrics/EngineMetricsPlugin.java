package io.stratum.orchestration.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds {@link MetricsHistoryEventHandler} next to the engine's database history handler (the engine builds the
 * history events anyway, so counting them costs one type switch per event), and exposes the engine's own meters
 * (activity instances, executed decisions, job acquisition and execution...) as {@code camunda_engine_metric_total}
 * with the engine's metric name as tag.
 */
@Component
public class EngineMetricsPlugin extends AbstractProcessEnginePlugin {

    /** How long an engine meter's sum is reused before the database is asked again. */
    static final long CACHE_NANOS = 5_000_000_000L;

    /** Null when the application runs without Micrometer (then this plugin does nothing). */
    private final MeterRegistry registry;
    /** Micrometer holds function-counter state weakly. */
    private final List<EngineMeter> engineMeters = new ArrayList<>();

    @Autowired
    public EngineMetricsPlugin(ObjectProvider<MeterRegistry> registry) {
        this(registry.getIfAvailable());
    }

    public EngineMetricsPlugin(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (registry == null) {
            return;
        }
        List<HistoryEventHandler> handlers =
                configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
                        : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(new MetricsHistoryEventHandler(registry));
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        if (registry == null || !configuration.isMetricsEnabled() || configuration.getMetricsRegistry() == null) {
            return;
        }
        for (String name : configuration.getMetricsRegistry().getDbMeters().keySet()) {
            EngineMeter meter = new EngineMeter(engine, name);
            engineMeters.add(meter);
            FunctionCounter.builder("camunda.engine.metric", meter, EngineMeter::total)
                    .tag("metric", name)
                    .description("Camunda engine metric (the engine's metrics query sum)")
                    .register(registry);
        }
    }

    /**
     * One engine meter as a total: the engine's metrics query sums what its reporter already wrote to
     * ACT_RU_METER_LOG and what it still holds in memory. Cached briefly so that a scrape costs at most one query
     * per meter; the maximum seen keeps the counter monotonic.
     */
    static final class EngineMeter {
        private final ProcessEngine engine;
        private final String name;
        private long readAt = Long.MIN_VALUE;
        private double max;

        EngineMeter(ProcessEngine engine, String name) {
            this.engine = engine;
            this.name = name;
        }

        synchronized double total() {
            long now = System.nanoTime();
            if (readAt == Long.MIN_VALUE || now - readAt > CACHE_NANOS) {
                try {
                    max = Math.max(max, engine.getManagementService().createMetricsQuery().name(name).sum());
                } catch (RuntimeException e) {
                    // database briefly unavailable: report the last total
                }
                readAt = now;
            }
            return max;
        }
    }
}
