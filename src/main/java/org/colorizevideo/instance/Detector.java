package org.colorizevideo.instance;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.GraphSignature;
import org.colorizevideo.model.OrtModels;

/**
 * An instance detector (torchvision's Mask R-CNN exported by {@code models/export/export_maskrcnn.py})
 * running in DJL's ONNX Runtime engine, one frame per call. The frame goes in as its L* plane: the
 * graph receives {@code L* / 100} in all three channels, which is what InstColorization's
 * inference_bbox.py feeds its detector (the L channel tiled to three). Resizing, normalisation,
 * thresholding and NMS happen inside the graph (see the manifest's {@code resize} and
 * {@code postprocess}); the boxes come back in frame pixels, best first. The graph's masks are not read.
 *
 * <p>One instance is not thread-safe; {@link #detect} is synchronized. Close it to release the native
 * session.
 */
public final class Detector implements AutoCloseable {

    private final String name;
    private final DetectorManifest manifest;
    private final Device device;
    private final ZooModel<NDList, NDList> zoo;
    private final Predictor<NDList, NDList> predictor;

    private Detector(String name, DetectorManifest manifest, Device device, ZooModel<NDList, NDList> zoo) {
        this.name = name;
        this.manifest = manifest;
        this.device = device;
        this.zoo = zoo;
        this.predictor = zoo.newPredictor();
    }

    /** The manifest that belongs to a graph: the same path with ".json" instead of ".onnx". */
    public static Path manifestOf(Path onnx) {
        return onnx.resolveSibling(onnx.getFileName().toString().replaceFirst("(?i)\\.onnx$", "") + ".json");
    }

    /** Reads and validates {@code onnx}'s manifest against the graph, then opens an inference session. */
    public static Detector open(Path onnx, DeviceChoice deviceChoice) throws ColorizeException {
        Path json = manifestOf(onnx);
        if (!Files.isRegularFile(onnx)) {
            throw new ColorizeException("The detector model " + onnx + " does not exist; export one with "
                    + "models/export/export_maskrcnn.py (see models/export/README.md).");
        }
        if (!Files.isRegularFile(json)) {
            throw new ColorizeException("The detector model " + onnx + " has no manifest: " + json
                    + " is missing. export_maskrcnn.py writes it next to the .onnx file.");
        }
        DetectorManifest manifest = DetectorManifest.read(json);
        manifest.validate(json, GraphSignature.read(onnx));
        Device device = deviceChoice.resolve();
        String name = manifest.name != null ? manifest.name : json.getFileName().toString().replaceFirst("\\.json$", "");
        return new Detector(name, manifest, device, OrtModels.load(onnx, device, "the detector '" + name + "'"));
    }

    /**
     * The graph's input for an L* plane: {@code [3][h][w]} with {@code L* / 100} (one float division) in
     * each channel.
     */
    static float[] inputFor(float[] lStar, int width, int height) {
        int n = width * height;
        if (lStar.length != n) {
            throw new IllegalArgumentException("An L* plane of " + width + "x" + height + " has " + n
                    + " values, not " + lStar.length + ".");
        }
        float[] in = new float[3 * n];
        for (int i = 0; i < n; i++) {
            float v = lStar[i] / 100f;
            in[i] = v;
            in[n + i] = v;
            in[2 * n + i] = v;
        }
        return in;
    }

    /**
     * Detects objects in one frame given as its L* plane (row-major, 0..100). Returns the graph's
     * detections in its order (score, high to low), with the manifest's category names.
     *
     * @throws IllegalArgumentException if {@code lStar} does not hold {@code width * height} values
     * @throws ColorizeException if the frame is empty or ONNX Runtime fails on it
     */
    public synchronized List<Detection> detect(float[] lStar, int width, int height) throws ColorizeException {
        if (width < 1 || height < 1) {
            throw new ColorizeException("The detector needs a frame of at least 1x1 pixels, not " + width + "x" + height + ".");
        }
        float[] image = inputFor(lStar, width, height);
        try (NDManager nd = zoo.getNDManager().newSubManager()) {
            NDArray x = nd.create(image, new Shape(3, height, width));
            x.setName(manifest.input.name);
            NDList out = predictor.predict(new NDList(x));
            NDArray boxes = OrtModels.output(out, manifest.outputs.boxes, 0);
            NDArray labels = OrtModels.output(out, manifest.outputs.labels, 1);
            NDArray scores = OrtModels.output(out, manifest.outputs.scores, 2);
            int n = (int) scores.getShape().size();
            if (boxes.getShape().size() != 4L * n || labels.getShape().size() != n) {
                throw new ColorizeException("The detector '" + name + "' returned " + boxes.getShape() + " boxes, "
                        + labels.getShape() + " labels and " + scores.getShape() + " scores; expected Nx4, N and N.");
            }
            List<Detection> found = new ArrayList<>(n);
            if (n == 0) {
                return found;
            }
            float[] b = boxes.toFloatArray();
            long[] l = labels.toLongArray();
            float[] s = scores.toFloatArray();
            for (int i = 0; i < n; i++) {
                int label = (int) l[i];
                found.add(new Detection(label, manifest.categoryName(label), s[i],
                        b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]));
            }
            return found;
        } catch (TranslateException | RuntimeException e) {
            throw new ColorizeException("The detector '" + name + "' failed on a " + width + "x" + height
                    + " frame: " + e.getMessage(), e);
        }
    }

    /** The manifest's name, or the file name without ".json". */
    public String name() {
        return name;
    }

    public DetectorManifest manifest() {
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
