package org.colorizevideo.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.file.Path;
import org.colorizevideo.ColorizeException;

/**
 * Opens an ONNX graph in DJL's ONNX Runtime engine the one way this plugin does it: NDList in and
 * out (the callers name their tensors), all cores for one operator at a time (or the number the JVM was
 * started with as {@code -Dcolorize.ort.threads=N}: a Spark executor running several tasks at once gives
 * each session its share), full graph optimisation.
 * Used by the colorization models, the detector and the instance-aware model.
 */
public final class OrtModels {

    private OrtModels() {
    }

    /** @param what the model as the user knows it, for the error ("model 'x'", "the detector") */
    public static ZooModel<NDList, NDList> load(Path onnx, Device device, String what) throws ColorizeException {
        String threads = Integer.toString(Math.max(1, Integer.getInteger("colorize.ort.threads",
                Runtime.getRuntime().availableProcessors())));
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(onnx)
                .optEngine("OnnxRuntime")
                .optDevice(device)
                .optTranslator(new NoopTranslator())
                .optOption("interOpNumThreads", "1")
                .optOption("intraOpNumThreads", threads)
                .optOption("optLevel", "ALL_OPT")
                .build();
        try {
            return criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new ColorizeException("ONNX Runtime could not load " + what + " from " + onnx + " on " + device + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The output tensor the manifest names, or the one at {@code position} when the engine returned
     * the outputs unnamed.
     */
    public static NDArray output(NDList outputs, String name, int position) {
        NDArray a = outputs.get(name);
        return a != null ? a : outputs.get(position);
    }
}
