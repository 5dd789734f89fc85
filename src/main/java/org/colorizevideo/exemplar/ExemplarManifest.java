package org.colorizevideo.exemplar;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.colorizevideo.ColorizeException;

/**
 * The JSON manifest of a Deep Exemplar-based Video Colorization export ({@code NAME.json}, format
 * {@value #FORMAT}, written by models/export/export_devc.py): two ONNX graphs next to it and the
 * contract they follow. Field names are the JSON keys; see the DEVC section of models/export/README.md.
 * {@link ExemplarManifestValidator} checks a manifest against what {@link ExemplarModel} feeds.
 */
public final class ExemplarManifest {

    public static final String FORMAT = "colorize-video-exemplar/1";
    /** Network size (height, width): test.py's 432x768 CenterPad output downscaled x0.5. */
    public static final int HEIGHT = 216;
    public static final int WIDTH = 384;
    /** Size of the correlation grid (1/4 of the network size). */
    public static final int FEATURE_HEIGHT = 54;
    public static final int FEATURE_WIDTH = 96;
    /** Channels of DEVC's WarpNet phi/theta projection; other models declare their own ({@link #featureChannels}). */
    public static final int DEVC_FEATURE_CHANNELS = 256;
    /** The most feature channels the contract allows (ref_features is passed once per frame). */
    public static final int MAX_FEATURE_CHANNELS = 1024;
    /** The graphs take and return L* - 50 and raw ab. */
    public static final double L_OFFSET = 50.0;

    public String format;
    public String name;
    public String description;
    /** Network size [height, width]. */
    public int[] size;
    /** Correlation grid [height, width]. */
    public int[] featureSize;
    public LabConvention lab;
    public Preprocess preprocess;
    /** Softmax temperature of the authors' test.py (1e-10: an argmax over reference positions). */
    public double temperature;
    /** True: the frame graph takes the previous output ({@code prev_lab}). */
    public boolean recurrent;
    /**
     * Optical-flow method (an {@code OpenCvFlow.Method} id, e.g. "dis-medium") that moves the previous
     * output onto the current frame before it is fed back ({@link PreviousWarp}); absent: fed back as it
     * is, as DEVC does.
     */
    public String previousWarp;
    /**
     * Optical-flow method with which the loop redoes the gated copy at the frame's own size
     * ({@link FrameSizeCopy}); the frame graph then also returns {@code ab_net} and {@code gate}. Absent: the
     * graph's {@code ab}, at 216x384, is the output (DEVC, exemplar-v1..v7).
     */
    public String frameCopy;
    /**
     * How much more the frame-size copy trusts the previous output than the graph's gate does: the gate's weight
     * g becomes {@code 1 - (1 - g)^frameCopyTrust} (the net's share raised to this power). The gate was trained
     * on a copy moved at 216x384 by a coarser flow, blurrier than the frame-size copy; absent: 1 (the gate as it is).
     */
    public Double frameCopyTrust;
    /**
     * The exponent used instead of {@link #frameCopyTrust} where the frame-size flow fails its forward-backward
     * check (occlusions, flow that does not come back to where it started: {@code ForwardBackward}); absent: no check.
     */
    public Double frameCopyUnmatchedTrust;
    /** Run once per reference (keyframe). */
    public Graph reference;
    /** Run once per frame. */
    public Graph frame;

    /** How Lab is centred for the graphs: L* - l_offset, ab / ab_scale. */
    public static final class LabConvention {
        @SerializedName("l_offset")
        public double lOffset = Double.NaN;
        @SerializedName("ab_scale")
        public double abScale = Double.NaN;
    }

    /**
     * test.py's CenterPad size [height, width] (twice the network size), and how a frame of another
     * aspect ratio is fitted: "cover" (DEVC: scale to cover, crop the centre; the default) or
     * "stretch" (each axis scaled on its own, nothing cropped).
     */
    public static final class Preprocess {
        public int[] padSize;
        public String fit;

        public boolean stretch() {
            return "stretch".equals(fit);
        }
    }

    /** One ONNX file (relative to the manifest) with its inputs and outputs in graph order. */
    public static final class Graph {
        public String file;
        public List<Tensor> inputs = List.of();
        public List<Tensor> outputs = List.of();
        /** Constant inputs the exporter recommends (the frame graph's temperature). */
        public Map<String, double[]> feeds = Map.of();
    }

    /** A declared tensor: name, element type ("float32") and shape. */
    public static final class Tensor {
        public String name;
        public String type = "float32";
        public long[] shape;

        public Tensor() {
        }

        Tensor(String name, long... shape) {
            this.name = name;
            this.shape = shape;
        }
    }

    /**
     * Channels of the reference features, as the reference graph's {@code ref_features} output
     * [1, C, N] declares them; -1 when it is not declared in that form.
     */
    public int featureChannels() {
        if (reference == null || reference.outputs == null) {
            return -1;
        }
        for (Tensor t : reference.outputs) {
            if ("ref_features".equals(t.name) && t.shape != null && t.shape.length == 3 && t.shape[1] <= Integer.MAX_VALUE) {
                return (int) t.shape[1];
            }
        }
        return -1;
    }

    /** The model's name for messages: the manifest's, else the file name without .json. */
    public static String modelName(ExemplarManifest m, Path manifestFile) {
        return m.name != null ? m.name : manifestFile.getFileName().toString().replaceFirst("\\.json$", "");
    }

    public static ExemplarManifest read(Path manifestFile) throws ColorizeException {
        try (Reader r = Files.newBufferedReader(manifestFile)) {
            ExemplarManifest m = new Gson().fromJson(r, ExemplarManifest.class);
            if (m == null) {
                throw new ColorizeException("The manifest " + manifestFile + " is empty. Export the model with "
                        + "models/export/export_devc.py, which writes NAME.json.");
            }
            return m;
        } catch (IOException | JsonParseException e) {
            throw new ColorizeException("The manifest " + manifestFile + " could not be read as JSON (" + e.getMessage()
                    + "). Export the model with models/export/export_devc.py, which writes NAME.json.", e);
        }
    }
}
