package org.colorizevideo.instance;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.GraphSignature;
import org.colorizevideo.model.OrtModels;

/**
 * InstColorization (Su, Chu & Huang, CVPR 2020) in DJL's ONNX Runtime engine: a gray frame plus the
 * boxes of detected instances in, ab at 256x256 out. Frames without boxes go through the full-image
 * network alone, as in the authors' test script; otherwise the fusion graph runs the instance network
 * on the crops and blends its features into the full-image network at 13 points.
 *
 * <p>Java does the authors' preprocessing and geometry (see models/export/export_instcolor.py for the
 * graph contract): the frame and each crop resized to 256x256 by {@link PilBilinear} on 8-bit gray,
 * the boxes mapped to the 256/128/64/32 maps by {@link BoxGeometry}, and the bilinear paste
 * coefficients by {@link FeaturePaste}. At most {@code maxInstances} (8) boxes are used: the ones with
 * the highest scores, as the authors keep them. Close the model to release the native sessions.
 */
public final class InstanceColorizationModel implements AutoCloseable {

    private final String name;
    private final InstanceManifest manifest;
    private final Device device;
    private final ZooModel<NDList, NDList> full;
    private final ZooModel<NDList, NDList> fusion;
    private final Predictor<NDList, NDList> fullPredictor;
    private final Predictor<NDList, NDList> fusionPredictor;

    private InstanceColorizationModel(String name, InstanceManifest manifest, Device device,
            ZooModel<NDList, NDList> full, ZooModel<NDList, NDList> fusion) {
        this.name = name;
        this.manifest = manifest;
        this.device = device;
        this.full = full;
        this.fusion = fusion;
        this.fullPredictor = full.newPredictor();
        this.fusionPredictor = fusion.newPredictor();
    }

    public static InstanceManifest readManifest(Path manifestFile) throws ColorizeException {
        try (Reader r = Files.newBufferedReader(manifestFile)) {
            InstanceManifest m = new Gson().fromJson(r, InstanceManifest.class);
            if (m == null) {
                throw new ColorizeException("The manifest " + manifestFile + " is empty.");
            }
            return m;
        } catch (IOException | JsonParseException e) {
            throw new ColorizeException("The manifest " + manifestFile + " could not be read as JSON (" + e.getMessage()
                    + "). Export the model with models/export/export_instcolor.py, which writes NAME.json.", e);
        }
    }

    /** Reads and validates {@code NAME.json} and both graphs next to it, then opens two sessions. */
    public static InstanceColorizationModel open(Path manifestFile, DeviceChoice deviceChoice) throws ColorizeException {
        InstanceManifest m = readManifest(manifestFile);
        String model = m.name != null ? m.name : manifestFile.getFileName().toString().replaceFirst("\\.json$", "");
        Path folder = manifestFile.toAbsolutePath().getParent();
        InstanceManifestValidator.throwIfAny(model, InstanceManifestValidator.checkManifest(model, m, folder));
        List<String> problems = new ArrayList<>();
        problems.addAll(InstanceManifestValidator.checkSignature(model, "full", m.full,
                GraphSignature.read(folder.resolve(m.full.file))));
        problems.addAll(InstanceManifestValidator.checkSignature(model, "fusion", m.fusion,
                GraphSignature.read(folder.resolve(m.fusion.file))));
        InstanceManifestValidator.throwIfAny(model, problems);
        Device device = deviceChoice.resolve();
        ZooModel<NDList, NDList> full = load(model, folder.resolve(m.full.file), device);
        try {
            return new InstanceColorizationModel(model, m, device, full, load(model, folder.resolve(m.fusion.file), device));
        } catch (ColorizeException | RuntimeException e) {
            full.close();
            throw e;
        }
    }

    private static ZooModel<NDList, NDList> load(String model, Path onnx, Device device) throws ColorizeException {
        return OrtModels.load(onnx, device, "model '" + model + "'");
    }

    /**
     * Colorizes one frame given as raw L* (0..100, row-major): the L* is turned back into 8-bit gray
     * first (exact when it came from 8-bit gray), because the networks were trained on 8-bit resizes.
     * Returns ab as two 256x256 planes (a then b).
     */
    public float[] colorize(float[] lStar, int width, int height, List<InstanceBox> boxes) throws ColorizeException {
        if (lStar.length != width * height) {
            throw new ColorizeException("The L* plane has " + lStar.length + " values but the frame is " + width + "x" + height + ".");
        }
        return colorizeGray(GrayLevels.levels(lStar), width, height, boxes);
    }

    /** Like {@link #colorize} for 8-bit gray levels (0..255, row-major). */
    public float[] colorizeGray(int[] gray, int width, int height, List<InstanceBox> boxes) throws ColorizeException {
        int size = manifest.size;
        if (width < 1 || height < 1 || gray.length != width * height) {
            throw new ColorizeException("The gray frame has " + gray.length + " values but its size is " + width + "x" + height + ".");
        }
        for (int v : gray) {
            if (v < 0 || v > 255) {
                throw new ColorizeException("Gray level " + v + " is outside 0..255; InstColorization takes 8-bit frames.");
            }
        }
        for (InstanceBox b : boxes) {
            b.checkInside(width, height);
        }
        float[] frameL = GrayLevels.lStar(PilBilinear.resize(gray, width, 0, 0, width, height, size, size));
        List<InstanceBox> used = strongest(boxes, manifest.maxInstances);
        if (used.isEmpty()) {
            return runFull(frameL);
        }
        int n = used.size();
        float[] crops = new float[n * size * size];
        for (int i = 0; i < n; i++) {
            InstanceBox b = used.get(i);
            int[] crop = PilBilinear.resize(gray, width, b.x0(), b.y0(), b.width(), b.height(), size, size);
            System.arraycopy(GrayLevels.lStar(crop), 0, crops, i * size * size, size * size);
        }
        try (NDManager nd = fusion.getNDManager().newSubManager()) {
            NDList in = new NDList();
            in.add(named(nd.create(frameL, new Shape(1, 1, size, size)), "L"));
            in.add(named(nd.create(crops, new Shape(n, 1, size, size)), "crops"));
            for (int r : BoxGeometry.LEVELS) {
                long[] idx = new long[n * 4 * r];
                float[] w = new float[n * 4 * r];
                for (int i = 0; i < n; i++) {
                    FeaturePaste.fill(BoxGeometry.boxInfo(used.get(i), width, height, r), r, idx, w, i * 4 * r);
                }
                in.add(named(nd.create(idx, new Shape(n, 4, r)), "idx" + r));
                in.add(named(nd.create(w, new Shape(n, 4, r)), "w" + r));
            }
            return OrtModels.output(fusionPredictor.predict(in), manifest.fusion.output.name, 0).toFloatArray();
        } catch (TranslateException | RuntimeException e) {
            throw new ColorizeException("Model '" + name + "' failed on a " + width + "x" + height + " frame with " + n
                    + " instances: " + e.getMessage(), e);
        }
    }

    private float[] runFull(float[] frameL) throws ColorizeException {
        int size = manifest.size;
        try (NDManager nd = full.getNDManager().newSubManager()) {
            NDList in = new NDList(named(nd.create(frameL, new Shape(1, 1, size, size)), "L"));
            return OrtModels.output(fullPredictor.predict(in), manifest.full.output.name, 0).toFloatArray();
        } catch (TranslateException | RuntimeException e) {
            throw new ColorizeException("Model '" + name + "' (full-image network) failed: " + e.getMessage(), e);
        }
    }

    private static NDArray named(NDArray a, String tensorName) {
        a.setName(tensorName);
        return a;
    }

    /** The boxes to fuse: all of them, or the {@code max} with the highest scores (stable order). */
    static List<InstanceBox> strongest(List<InstanceBox> boxes, int max) {
        if (boxes.size() <= max) {
            return boxes;
        }
        List<InstanceBox> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble(InstanceBox::score).reversed());
        return sorted.subList(0, max);
    }

    public String name() {
        return name;
    }

    public InstanceManifest manifest() {
        return manifest;
    }

    public Device device() {
        return device;
    }

    @Override
    public void close() {
        fusionPredictor.close();
        fullPredictor.close();
        fusion.close();
        full.close();
    }
}
