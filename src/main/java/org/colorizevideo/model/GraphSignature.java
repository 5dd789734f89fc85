package org.colorizevideo.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.colorizevideo.ColorizeException;

/**
 * The inputs and outputs an ONNX graph declares (names, element types, shapes with -1 for dynamic
 * axes), read from ONNX Runtime without running the graph. DJL's ONNX block does not expose shapes,
 * so the manifest is checked against this.
 */
public record GraphSignature(Map<String, Tensor> inputs, Map<String, Tensor> outputs) {

    /** One declared tensor. */
    public record Tensor(String type, long[] shape) {
    }

    public static GraphSignature read(Path onnxFile) throws ColorizeException {
        // DJL's engine creates the process-wide OrtEnvironment with its thread settings; start it first.
        ai.djl.engine.Engine.getEngine("OnnxRuntime");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(onnxFile.toString(), options)) {
                return new GraphSignature(describe(session.getInputInfo()), describe(session.getOutputInfo()));
            }
        } catch (OrtException e) {
            throw new ColorizeException("The model file " + onnxFile + " is not a readable ONNX graph ("
                    + e.getMessage() + "). Re-export or re-download it.", e);
        }
    }

    private static Map<String, Tensor> describe(Map<String, NodeInfo> infos) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> e : infos.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t) {
                out.put(e.getKey(), new Tensor(t.type == OnnxJavaType.FLOAT ? "float32" : t.type.toString(),
                        t.getShape()));
            } else {
                out.put(e.getKey(), new Tensor("non-tensor", new long[0]));
            }
        }
        return out;
    }
}
