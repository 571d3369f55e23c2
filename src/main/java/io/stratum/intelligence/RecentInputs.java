package io.stratum.intelligence;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest texts each model classified on this node, reviewed or not, with when (in memory, at most
 * {@link #CAPACITY} per model; empty after a restart). Threshold calibration estimates precision over these: the
 * inputs a model will decide look like them, not like the unsure ones people reviewed.
 */
@Component
public class RecentInputs {

    /** Calibration's window reaches back to the champion's first unseen feedback: thousands of inputs. */
    public static final int CAPACITY = 10_000;

    /** A classified text and when it was classified. */
    public record Input(String text, Instant at) {
    }

    private final Map<String, ArrayDeque<Input>> byModel = new ConcurrentHashMap<>();

    public void add(String model, String text) {
        add(model, text, Instant.now());
    }

    public void add(String model, String text, Instant at) {
        ArrayDeque<Input> inputs = byModel.computeIfAbsent(model, k -> new ArrayDeque<>());
        synchronized (inputs) {
            inputs.addLast(new Input(text, at));
            if (inputs.size() > CAPACITY) {
                inputs.removeFirst();
            }
        }
    }

    /** Those classified at or after {@code from} (all when null), oldest first. */
    public List<Input> since(String model, Instant from) {
        ArrayDeque<Input> inputs = byModel.get(model);
        if (inputs == null) {
            return List.of();
        }
        synchronized (inputs) {
            return inputs.stream().filter(i -> from == null || !i.at().isBefore(from)).toList();
        }
    }
}
