package io.stratum.intelligence;

import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest texts each model classified on this node, reviewed or not (in memory, at most {@link #CAPACITY} per
 * model; empty after a restart). Threshold calibration weighs reviewed items by how often each confidence occurs
 * among these: the inputs a model will decide look like them, not like the unsure ones people reviewed.
 */
@Component
public class RecentInputs {

    public static final int CAPACITY = 2000;

    private final Map<String, ArrayDeque<String>> byModel = new ConcurrentHashMap<>();

    public void add(String model, String text) {
        ArrayDeque<String> texts = byModel.computeIfAbsent(model, k -> new ArrayDeque<>());
        synchronized (texts) {
            texts.addLast(text);
            if (texts.size() > CAPACITY) {
                texts.removeFirst();
            }
        }
    }

    /** Oldest first. */
    public List<String> of(String model) {
        ArrayDeque<String> texts = byModel.get(model);
        if (texts == null) {
            return List.of();
        }
        synchronized (texts) {
            return List.copyOf(texts);
        }
    }
}
