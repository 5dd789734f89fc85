package org.colorizevideo.exemplar;

import static org.colorizevideo.exemplar.ExemplarManifest.FEATURE_HEIGHT;
import static org.colorizevideo.exemplar.ExemplarManifest.FEATURE_WIDTH;
import static org.colorizevideo.exemplar.ExemplarManifest.HEIGHT;
import static org.colorizevideo.exemplar.ExemplarManifest.WIDTH;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.GraphSignature;
import org.colorizevideo.model.OrtModels;

/**
 * Deep Exemplar-based Video Colorization (Zhang et al., CVPR 2019) in DJL's ONNX Runtime engine: the
 * two graphs of models/export/export_devc.py behind two calls, at the network size 216x384 with Lab
 * centred as the authors do (L* - 50, raw ab). {@link #referenceFeatures} runs once per reference
 * image (keyframe), {@link #step} once per frame. Everything around them (CenterPad, Lab, the x0.5
 * downscale, the recurrence, the way back to the frame) is {@link DevcLoop}'s.
 * Close the model to release the native sessions.
 */
public final class ExemplarModel implements AutoCloseable {

    /** The encoded reference: its features [C, 5184] (DEVC: WarpNet's phi, C = 256) and its ab pooled to [2, 54, 96]. */
    public record Reference(float[] features, float[] ab) {
    }

    /**
     * One frame's output at 216x384: ab planes (a then b), the similarity map (best cosine per position)
     * and, from models with a {@code frameCopy}, the net's own ab before the gated copy and the gate's
     * weight g (ab = abNet + g (previous ab - abNet)); those two are null otherwise.
     */
    public record Step(float[] ab, float[] similarity, float[] abNet, float[] gate) {
    }

    private static final int PLANE = HEIGHT * WIDTH;

    private final String name;
    private final ExemplarManifest manifest;
    private final Device device;
    private final ZooModel<NDList, NDList> reference;
    private final ZooModel<NDList, NDList> frame;
    private final Predictor<NDList, NDList> referencePredictor;
    private final Predictor<NDList, NDList> framePredictor;

    private ExemplarModel(String name, ExemplarManifest manifest, Device device, ZooModel<NDList, NDList> reference,
            ZooModel<NDList, NDList> frame) {
        this.name = name;
        this.manifest = manifest;
        this.device = device;
        this.reference = reference;
        this.frame = frame;
        this.referencePredictor = reference.newPredictor();
        this.framePredictor = frame.newPredictor();
    }

    /** Reads and validates {@code NAME.json} and both graphs next to it, then opens two sessions. */
    public static ExemplarModel open(Path manifestFile, DeviceChoice deviceChoice) throws ColorizeException {
        ExemplarManifest m = ExemplarManifest.read(manifestFile);
        String model = ExemplarManifest.modelName(m, manifestFile);
        Path folder = manifestFile.toAbsolutePath().getParent();
        ExemplarManifestValidator.throwIfAny(model, ExemplarManifestValidator.checkManifest(model, m, folder));
        List<String> problems = new ArrayList<>();
        problems.addAll(ExemplarManifestValidator.checkSignature(model, "reference", m.reference,
                GraphSignature.read(folder.resolve(m.reference.file))));
        problems.addAll(ExemplarManifestValidator.checkSignature(model, "frame", m.frame,
                GraphSignature.read(folder.resolve(m.frame.file))));
        ExemplarManifestValidator.throwIfAny(model, problems);
        Device device = deviceChoice.resolve();
        String what = "model '" + model + "'";
        ZooModel<NDList, NDList> ref = OrtModels.load(folder.resolve(m.reference.file), device, what);
        try {
            return new ExemplarModel(model, m, device, ref, OrtModels.load(folder.resolve(m.frame.file), device, what));
        } catch (ColorizeException | RuntimeException e) {
            ref.close();
            throw e;
        }
    }

    /**
     * Encodes a reference. refLab: the reference after CenterPad, Lab and the x0.5 downscale, three
     * 216x384 planes (L* - 50, a, b).
     */
    public Reference referenceFeatures(float[] refLab) throws ColorizeException {
        checkLength("ref_lab", refLab, 3 * PLANE);
        try (NDManager nd = reference.getNDManager().newSubManager()) {
            NDList out = referencePredictor.predict(new NDList(named(nd.create(refLab, new Shape(1, 3, HEIGHT, WIDTH)), "ref_lab")));
            return new Reference(OrtModels.output(out, "ref_features", 0).toFloatArray(), OrtModels.output(out, "ref_ab", 1).toFloatArray());
        } catch (TranslateException | RuntimeException e) {
            throw new ColorizeException("Model '" + name + "' failed to encode the reference image: " + e.getMessage(), e);
        }
    }

    /**
     * Colorizes one frame. l: the frame's L* - 50 at 216x384; prevLab: the previous frame's
     * (L* - 50, a, b) at 216x384, zeros for the first frame; temperature: the correlation softmax's
     * (the manifest's {@link ExemplarManifest#temperature} is test.py's).
     */
    public Step step(float[] l, Reference ref, float[] prevLab, float temperature) throws ColorizeException {
        checkLength("L", l, PLANE);
        checkLength("prev_lab", prevLab, 3 * PLANE);
        int channels = manifest.featureChannels();
        checkLength("ref_features", ref.features(), channels * FEATURE_HEIGHT * FEATURE_WIDTH);
        checkLength("ref_ab", ref.ab(), 2 * FEATURE_HEIGHT * FEATURE_WIDTH);
        try (NDManager nd = frame.getNDManager().newSubManager()) {
            NDList in = new NDList(
                    named(nd.create(l, new Shape(1, 1, HEIGHT, WIDTH)), "L"),
                    named(nd.create(ref.features(), new Shape(1, channels, FEATURE_HEIGHT * FEATURE_WIDTH)), "ref_features"),
                    named(nd.create(ref.ab(), new Shape(1, 2, FEATURE_HEIGHT, FEATURE_WIDTH)), "ref_ab"),
                    named(nd.create(prevLab, new Shape(1, 3, HEIGHT, WIDTH)), "prev_lab"),
                    named(nd.create(new float[] {temperature}, new Shape(1)), "temperature"));
            NDList out = framePredictor.predict(in);
            boolean copy = manifest.frameCopy != null;
            return new Step(OrtModels.output(out, "ab", 0).toFloatArray(), OrtModels.output(out, "similarity", 1).toFloatArray(),
                    copy ? OrtModels.output(out, "ab_net", 2).toFloatArray() : null,
                    copy ? OrtModels.output(out, "gate", 3).toFloatArray() : null);
        } catch (TranslateException | RuntimeException e) {
            throw new ColorizeException("Model '" + name + "' failed on a frame: " + e.getMessage(), e);
        }
    }

    private static void checkLength(String tensor, float[] a, int expected) throws ColorizeException {
        if (a.length != expected) {
            throw new ColorizeException("The DEVC input '" + tensor + "' has " + a.length + " values but the graph takes " + expected
                    + "; frames and references must be brought to 216x384 first (DevcLoop does this).");
        }
    }

    private static NDArray named(NDArray a, String tensorName) {
        a.setName(tensorName);
        return a;
    }

    public String name() {
        return name;
    }

    public ExemplarManifest manifest() {
        return manifest;
    }

    /** test.py's softmax temperature, as the manifest gives it. */
    public float temperature() {
        return (float) manifest.temperature;
    }

    public Device device() {
        return device;
    }

    @Override
    public void close() {
        framePredictor.close();
        referencePredictor.close();
        frame.close();
        reference.close();
    }
}
