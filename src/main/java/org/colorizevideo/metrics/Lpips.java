package org.colorizevideo.metrics;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.model.GraphSignature;

/**
 * LPIPS (Zhang et al. 2018, "The Unreasonable Effectiveness of Deep Features as a Perceptual Metric";
 * {@code richzhang/PerceptualSimilarity}) evaluated by an ONNX export of the network, through DJL's
 * ONNX Runtime engine. Lower is more similar.
 *
 * <p>The plugin ships no LPIPS weights (the backbone's weights cannot be obtained in this project's
 * build); a user points the {@code lpips} parameter at an {@code .onnx} file with a manifest
 * {@code <same name>.json} next to it, e.g. made by {@code models/export/export_lpips.py}:
 * <pre>
 * {"format": "colorize-video-lpips/1", "name": "lpips-alex-v0.1", "net": "alex", "version": "0.1",
 *  "inputs": ["in0", "in1"], "output": "distance", "inputRange": [-1, 1]}
 * </pre>
 * The graph takes two {@code [N, 3, H, W]} float tensors (RGB, scaled to {@code inputRange} as
 * {@code lo + (hi - lo) * v / 255}, which for [-1, 1] is the official {@code im2tensor}'s
 * {@code v / 127.5 - 1}) and returns the distance per image, any shape with {@code N} elements
 * (the official model returns {@code [N, 1, 1, 1]}, the spatial average). Frames are fed at their full
 * size, as the official {@code lpips} package does.
 *
 * <p>One instance is not thread-safe; {@link #distance} is synchronized.
 */
public final class Lpips implements AutoCloseable {

    public static final String FORMAT = "colorize-video-lpips/1";

    /** The manifest next to the ONNX file (parsed with Gson). */
    public static final class Manifest {
        public String format;
        public String name;
        public String net;
        public String version;
        public String[] inputs;
        public String output;
        public double[] inputRange = {-1.0, 1.0};
    }

    private final Manifest manifest;
    private final ZooModel<NDList, NDList> zoo;
    private final Predictor<NDList, NDList> predictor;

    private Lpips(Manifest manifest, ZooModel<NDList, NDList> zoo) {
        this.manifest = manifest;
        this.zoo = zoo;
        this.predictor = zoo.newPredictor();
    }

    /** Opens {@code onnx} with its manifest {@code onnx} minus ".onnx" plus ".json"; checks both. */
    public static Lpips open(Path onnx) throws ColorizeException {
        if (!Files.isRegularFile(onnx)) {
            throw new ColorizeException("The LPIPS model " + onnx + " does not exist; give lpips=<path to an .onnx "
                    + "with its .json manifest> (see models/export/export_lpips.py), or leave it empty.");
        }
        String file = onnx.getFileName().toString();
        Path json = onnx.resolveSibling(file.replaceFirst("(?i)\\.onnx$", "") + ".json");
        Manifest m;
        try (Reader r = Files.newBufferedReader(json)) {
            m = new Gson().fromJson(r, Manifest.class);
        } catch (IOException | JsonParseException e) {
            throw new ColorizeException("The LPIPS manifest " + json + " could not be read (" + e.getMessage()
                    + "); it must sit next to the .onnx file.", e);
        }
        if (m == null || !FORMAT.equals(m.format) || m.inputs == null || m.inputs.length != 2 || m.output == null
                || m.inputRange == null || m.inputRange.length != 2) {
            throw new ColorizeException("The LPIPS manifest " + json + " must have format \"" + FORMAT
                    + "\", two \"inputs\", an \"output\" and an \"inputRange\" [lo, hi].");
        }
        GraphSignature sig = GraphSignature.read(onnx);
        for (String in : m.inputs) {
            GraphSignature.Tensor t = sig.inputs().get(in);
            if (t == null || t.shape().length != 4 || (t.shape()[1] != 3 && t.shape()[1] != -1)) {
                throw new ColorizeException("The LPIPS model " + onnx + " has no input '" + in
                        + "' of shape [N, 3, H, W] (it has " + sig.inputs().keySet() + ").");
            }
        }
        if (!sig.outputs().containsKey(m.output)) {
            throw new ColorizeException("The LPIPS model " + onnx + " has no output '" + m.output + "' (it has "
                    + sig.outputs().keySet() + ").");
        }
        String threads = Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors()));
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(onnx)
                .optEngine("OnnxRuntime")
                .optTranslator(new NoopTranslator())
                .optOption("interOpNumThreads", "1")
                .optOption("intraOpNumThreads", threads)
                .build();
        try {
            return new Lpips(m, criteria.loadModel());
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new ColorizeException("ONNX Runtime could not load the LPIPS model " + onnx + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return manifest.name == null ? "lpips" : manifest.name;
    }

    /** LPIPS distance between two frames of the same size. */
    public synchronized double distance(RgbFrame a, RgbFrame b) throws ColorizeException {
        RgbFrame.requireSameSize(a, b);
        int w = a.width();
        int h = a.height();
        try (NDManager nd = zoo.getNDManager().newSubManager()) {
            NDArray x0 = nd.create(planes(a), new Shape(1, 3, h, w));
            x0.setName(manifest.inputs[0]);
            NDArray x1 = nd.create(planes(b), new Shape(1, 3, h, w));
            x1.setName(manifest.inputs[1]);
            NDList out = predictor.predict(new NDList(x0, x1));
            NDArray d = out.get(manifest.output);
            if (d == null) {
                d = out.get(0);
            }
            float[] v = d.toFloatArray();
            if (v.length != 1) {
                throw new ColorizeException("The LPIPS model returned " + v.length + " values for one pair; expected 1.");
            }
            return v[0];
        } catch (TranslateException | RuntimeException e) {
            throw new ColorizeException("The LPIPS model failed on a " + w + "x" + h + " frame: " + e.getMessage(), e);
        }
    }

    /** {@code [3][h][w]} planes scaled to the manifest's input range. */
    private float[] planes(RgbFrame f) {
        int n = f.width() * f.height();
        double lo = manifest.inputRange[0];
        double scale = (manifest.inputRange[1] - lo) / 255.0;
        float[] out = new float[3 * n];
        int[] px = f.pixels();
        for (int i = 0; i < n; i++) {
            int p = px[i];
            out[i] = (float) (lo + scale * ((p >> 16) & 0xff));
            out[n + i] = (float) (lo + scale * ((p >> 8) & 0xff));
            out[2 * n + i] = (float) (lo + scale * (p & 0xff));
        }
        return out;
    }

    @Override
    public void close() {
        predictor.close();
        zoo.close();
    }
}
