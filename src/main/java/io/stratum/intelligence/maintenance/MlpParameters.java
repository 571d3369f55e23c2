package io.stratum.intelligence.maintenance;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.stratum.intelligence.model.PyTorchExclusive;

import java.util.LinkedHashMap;
import java.util.Map;

/** The two-hidden-layer ReLU networks of the failure and remaining-life trainers: their seeded initial weights. */
final class MlpParameters {

    private MlpParameters() {
    }

    /**
     * w1 (in x hidden), b1, w2 (hidden x hidden), b2, w3 (hidden x out), b3: He-initialised weights, zero biases, drawn
     * right after seeding the engine with no other trainer in between (the seed is global), ready for gradients.
     */
    static Map<String, NDArray> initial(Engine engine, NDManager manager, long seed, int in, int hidden, int out) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        PyTorchExclusive.lock();
        try {
            engine.setRandomSeed((int) seed);
            params.put("w1", manager.randomNormal(0f, (float) Math.sqrt(2.0 / in), new Shape(in, hidden),
                    DataType.FLOAT32));
            params.put("b1", manager.zeros(new Shape(hidden)));
            params.put("w2", manager.randomNormal(0f, (float) Math.sqrt(2.0 / hidden), new Shape(hidden, hidden),
                    DataType.FLOAT32));
            params.put("b2", manager.zeros(new Shape(hidden)));
            params.put("w3", manager.randomNormal(0f, (float) Math.sqrt(1.0 / hidden), new Shape(hidden, out),
                    DataType.FLOAT32));
            params.put("b3", manager.zeros(new Shape(out)));
        } finally {
            PyTorchExclusive.unlock();
        }
        params.values().forEach(p -> p.setRequiresGradient(true));
        return params;
    }
}
