package org.colorizevideo.model;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Arrays;
import org.colorizevideo.ColorizeException;

/**
 * A validated colorization network running in DJL's ONNX Runtime engine. Takes a batch of L* planes at
 * the model's input size and returns the raw output tensor; decoding is {@link AbDecoder}'s job.
 * Close it to release the native session.
 */
public final class ColorizationModel implements AutoCloseable {

    private final String name;
    private final ModelManifest manifest;
    private final Device device;
    private final ZooModel<NDList, NDList> zoo;
    private final Predictor<NDList, NDList> predictor;

    private ColorizationModel(String name, ModelManifest manifest, Device device, ZooModel<NDList, NDList> zoo) {
        this.name = name;
        this.manifest = manifest;
        this.device = device;
        this.zoo = zoo;
        this.predictor = zoo.newPredictor();
    }

    public static ModelManifest readManifest(ModelFiles files) throws ColorizeException {
        try (Reader r = Files.newBufferedReader(files.manifest())) {
            ModelManifest m = new Gson().fromJson(r, ModelManifest.class);
            if (m == null) {
                throw new ColorizeException("The manifest " + files.manifest() + " is empty.");
            }
            if (m.extraInputs == null) {
                m.extraInputs = java.util.List.of();
            }
            return m;
        } catch (IOException | JsonParseException e) {
            throw new ColorizeException("The manifest " + files.manifest() + " could not be read as JSON ("
                    + e.getMessage() + ").", e);
        }
    }

    /** Reads and validates the manifest against the graph, then opens an inference session. */
    public static ColorizationModel open(ModelFiles files, DeviceChoice deviceChoice) throws ColorizeException {
        ModelManifest manifest = readManifest(files);
        ManifestValidator.validate(files.name(), manifest, GraphSignature.read(files.onnx()));
        Device device = deviceChoice.resolve();
        return new ColorizationModel(files.name(), manifest, device,
                OrtModels.load(files.onnx(), device, "model '" + files.name() + "'"));
    }

    /**
     * Runs the graph on n L* planes of h x w (row-major, batch-contiguous) and returns the output tensor
     * (shape in {@code shapeOut}, NCHW).
     */
    public float[] run(float[] lBatch, int n, int h, int w, long[] shapeOut) throws ColorizeException {
        return run(lBatch, n, h, w, shapeOut, null, null);
    }

    /**
     * As {@link #run(float[], int, int, int, long[])} with user hints, for a model whose manifest
     * declares them: hintAb [n,2,h,w] raw a*b* and hintFlag [n,1,h,w] 1 where a hint is, 0 elsewhere
     * (both null: no hints). The manifest's abScale, maskOn/maskOff and the inputs' fills are applied here.
     */
    public float[] run(float[] lBatch, int n, int h, int w, long[] shapeOut, float[] hintAb, float[] hintFlag)
            throws ColorizeException {
        if (hintAb != null && !manifest.takesHints()) {
            throw new ColorizeException("Model '" + name + "' takes no colour hints; choose a model whose manifest "
                    + "declares \"hints\" (e.g. our hint model or a SIGGRAPH17 export).");
        }
        try (NDManager nd = zoo.getNDManager().newSubManager()) {
            NDList inputs = new NDList();
            NDArray l = nd.create(lBatch, new Shape(n, 1, h, w));
            l.setName(manifest.input.name);
            inputs.add(l);
            for (ModelManifest.ExtraInput extra : manifest.extraInputs) {
                long c = extra.shape[1];
                float[] values = new float[(int) (n * c * h * w)];
                Arrays.fill(values, extra.fill);
                if (hintAb != null) {
                    fillHints(extra, values, n, h * w, hintAb, hintFlag);
                }
                NDArray e = nd.create(values, new Shape(n, c, h, w));
                e.setName(extra.name);
                inputs.add(e);
            }
            NDList outputs = predictor.predict(inputs);
            NDArray out = OrtModels.output(outputs, manifest.output.name, 0);
            long[] shape = out.getShape().getShape();
            System.arraycopy(shape, 0, shapeOut, 0, Math.min(shape.length, shapeOut.length));
            return out.toFloatArray();
        } catch (TranslateException | RuntimeException e) {
            throw new ColorizeException("Model '" + name + "' failed on a batch of " + n + " frames of " + w + "x" + h
                    + ": " + e.getMessage(), e);
        }
    }

    private void fillHints(ModelManifest.ExtraInput extra, float[] values, int n, int hw, float[] hintAb, float[] hintFlag) {
        ModelManifest.Hints hints = manifest.hints;
        boolean ab = extra.name.equals(hints.ab), mask = extra.name.equals(hints.mask);
        if (!ab && !mask) {
            return;
        }
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < hw; p++) {
                boolean on = hintFlag[i * hw + p] != 0;
                if (mask) {
                    values[i * hw + p] = on ? hints.maskOn : hints.maskOff;
                } else if (on) {
                    values[(2 * i) * hw + p] = hintAb[(2 * i) * hw + p] * hints.abScale;
                    values[(2 * i + 1) * hw + p] = hintAb[(2 * i + 1) * hw + p] * hints.abScale;
                }
            }
        }
    }

    public String name() {
        return name;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** "cpu()" or "gpu(0)": the device ONNX Runtime was asked to use. */
    public Device device() {
        return device;
    }

    @Override
    public void close() {
        predictor.close();
        zoo.close();
    }
}
