package org.colorizevideo.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.ColorizationEngine;
import org.colorizevideo.model.ColorizationModel;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelFiles;

/**
 * The automatic models of one executor JVM, kept open between tasks: a task borrows a model (an ONNX
 * Runtime session with its predictor, which one thread uses at a time) and gives it back when its unit is
 * done, so an executor with C task slots loads each model at most C times however many units it runs,
 * instead of once per task.
 *
 * <p>Why this is not the "static mutable state" the project's rules forbid: nothing here changes what any
 * run computes or sees. It is a cache of loaded, read-only resources keyed by the model's file and
 * device (like a connection pool), filled lazily, never cleared while the JVM runs (the executor's life),
 * and closed by a shutdown hook. A second job in the same JVM with the same model gets an identical
 * session; with another model it gets its own entry. The only per-JVM state Spark offers for this is the
 * same: a lazily created singleton in the executor's class loader (a broadcast variable would carry
 * the model's bytes, not an open session).
 */
public final class ExecutorModels implements ColorizationEngine.Models {

    private static final ExecutorModels INSTANCE = new ExecutorModels();

    private final Map<String, ConcurrentLinkedQueue<ColorizationModel>> idle = new ConcurrentHashMap<>();
    private final Map<ColorizationModel, String> keys = new ConcurrentHashMap<>();
    private final AtomicInteger loads = new AtomicInteger();

    private ExecutorModels() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "colorize-models-close"));
    }

    public static ExecutorModels get() {
        return INSTANCE;
    }

    @Override
    public ColorizationModel open(ModelFiles files, DeviceChoice device) throws ColorizeException {
        String key = files.onnx().toAbsolutePath().normalize() + "|" + device;
        ColorizationModel m = idle.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        if (m == null) {
            m = ColorizationModel.open(files, device);
            loads.incrementAndGet();
            keys.put(m, key);
        }
        return m;
    }

    @Override
    public void release(ColorizationModel model) {
        String key = keys.get(model);
        if (key == null) {
            model.close();
        } else {
            idle.get(key).add(model);
        }
    }

    /** How many models this JVM has loaded so far (each stays open for the following tasks). */
    public int loads() {
        return loads.get();
    }

    private void closeAll() {
        for (ColorizationModel m : keys.keySet()) {
            try {
                m.close();
            } catch (RuntimeException e) {
                // the JVM is ending
            }
        }
    }
}
