package org.colorizevideo.instance;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.model.GraphSignature;

/**
 * The JSON manifest next to an instance detector ({@code NAME.onnx} + {@code NAME.json}, format
 * {@value #FORMAT}), as {@code models/export/export_maskrcnn.py} writes it. Field names are the JSON
 * keys; models/export/README.md ("Mask R-CNN detector") describes the contract:
 * <ul>
 *   <li>{@code input}: the one graph input, float32 {@code [3, H, W]} with H and W free, values in
 *       {@code range}, filled by {@code convention} {@value #CONVENTION_LSTAR}: the frame's L* / 100
 *       in all three channels (what InstColorization feeds its detector);</li>
 *   <li>{@code outputs}: the graph's names for {@code boxes} (float32 {@code [N, 4]}, x0 y0 x1 y1 in
 *       input pixels), {@code labels} (int64 {@code [N]}), {@code scores} (float32 {@code [N]}) and,
 *       optionally, {@code masks} (float32 {@code [N, 1, H, W]});</li>
 *   <li>{@code categories}: the category names indexed by label id (torchvision's 91 COCO entries,
 *       with "__background__" at 0 and "N/A" for unused ids);</li>
 *   <li>{@code resize} and {@code postprocess}: what the graph does inside (for the record; nothing here
 *       repeats it).</li>
 * </ul>
 */
public final class DetectorManifest {

    public static final String FORMAT = "colorize-video-detector/1";
    /** Input convention: L* / 100 repeated to three channels. */
    public static final String CONVENTION_LSTAR = "lstar/100 x3";

    public String format;
    public String name;
    public String description;
    public String architecture;
    public String weights;
    public Input input;
    public Outputs outputs;
    public Resize resize;
    public Postprocess postprocess;
    public List<String> categories;

    /** The image input. */
    public static final class Input {
        public String name;
        public long[] shape;
        public double[] range = {0.0, 1.0};
        public String convention;
    }

    /** Graph output names per role; {@code masks} may be absent. */
    public static final class Outputs {
        public String boxes;
        public String labels;
        public String scores;
        public String masks;
    }

    /** The resize inside the graph: short side to minSize unless the long side would exceed maxSize. */
    public static final class Resize {
        public int minSize;
        public int maxSize;
    }

    /** torchvision's post-processing settings baked into the graph. */
    public static final class Postprocess {
        public double boxScoreThresh;
        public double boxNmsThresh;
        public int detectionsPerImage;
        public int rpnPreNmsTopN;
        public int rpnPostNmsTopN;
    }

    /** The category name of a label id, or "class N" for an id outside the list. */
    public String categoryName(int label) {
        return categories != null && label >= 0 && label < categories.size() ? categories.get(label) : "class " + label;
    }

    /** Reads a manifest file; it is not validated yet (see {@link #validate}). */
    public static DetectorManifest read(Path file) throws ColorizeException {
        try (Reader r = Files.newBufferedReader(file)) {
            DetectorManifest m = new Gson().fromJson(r, DetectorManifest.class);
            if (m == null) {
                throw new ColorizeException("The detector manifest " + file + " is empty.");
            }
            return m;
        } catch (IOException | JsonParseException e) {
            throw new ColorizeException("The detector manifest " + file + " could not be read as JSON ("
                    + e.getMessage() + "); it must sit next to the .onnx file with the same name.", e);
        }
    }

    /**
     * Checks the manifest against itself and the graph. Every problem is one sentence naming the
     * manifest file, what was expected and what was found; all of them are reported together.
     */
    public void validate(Path file, GraphSignature graph) throws ColorizeException {
        List<String> problems = new ArrayList<>();
        check(file, graph, problems);
        if (!problems.isEmpty()) {
            throw new ColorizeException(String.join(" ", problems)
                    + " Fix the manifest or re-export the detector with models/export/export_maskrcnn.py.");
        }
    }

    private void check(Path file, GraphSignature g, List<String> problems) {
        String at = "The detector manifest " + file;
        if (!FORMAT.equals(format)) {
            problems.add(at + " has format '" + format + "' but this plugin reads '" + FORMAT + "'.");
        }
        if (input == null || input.name == null) {
            problems.add(at + " must name the graph's image input (\"input\": {\"name\": ...}); the graph's inputs are "
                    + g.inputs().keySet() + ".");
        } else {
            checkInput(at, g, problems);
        }
        if (outputs == null || outputs.boxes == null || outputs.labels == null || outputs.scores == null) {
            problems.add(at + " must name the graph outputs \"boxes\", \"labels\" and \"scores\" under \"outputs\"; "
                    + "the graph's outputs are " + g.outputs().keySet() + ".");
        } else {
            checkOutput(at, g, "boxes", outputs.boxes, "float32", 2, 4, problems);
            checkOutput(at, g, "labels", outputs.labels, "INT64", 1, -1, problems);
            checkOutput(at, g, "scores", outputs.scores, "float32", 1, -1, problems);
            if (outputs.masks != null) {
                checkOutput(at, g, "masks", outputs.masks, "float32", 4, 1, problems);
            }
        }
        if (categories == null || categories.size() < 2) {
            problems.add(at + " must list the category names by label id under \"categories\" (torchvision's COCO "
                    + "detectors have 91, from \"__background__\"); found "
                    + (categories == null ? "none" : categories.size()) + ".");
        }
        if (resize != null && !(resize.minSize > 0 && resize.maxSize >= resize.minSize)) {
            problems.add(at + " has resize minSize " + resize.minSize + " and maxSize " + resize.maxSize
                    + "; expected 0 < minSize <= maxSize.");
        }
    }

    private void checkInput(String at, GraphSignature g, List<String> problems) {
        if (!g.inputs().keySet().equals(java.util.Set.of(input.name))) {
            problems.add(at + " names the input '" + input.name + "' but the graph's inputs are " + g.inputs().keySet()
                    + "; expected exactly one image input.");
        }
        if (!CONVENTION_LSTAR.equals(input.convention)) {
            problems.add(at + " has input convention '" + input.convention + "'; expected '" + CONVENTION_LSTAR
                    + "' (L* / 100 in all three channels), the only one this plugin feeds.");
        }
        if (input.range == null || input.range.length != 2 || input.range[0] != 0.0 || input.range[1] != 1.0) {
            problems.add(at + " has input range " + Arrays.toString(input.range) + "; expected [0.0, 1.0].");
        }
        GraphSignature.Tensor t = g.inputs().get(input.name);
        if (t == null) {
            return;
        }
        if (!"float32".equals(t.type())) {
            problems.add(at + ": the graph input '" + input.name + "' is " + t.type() + "; expected float32.");
        }
        long[] s = t.shape();
        if (s.length != 3 || (s[0] != 3 && s[0] >= 0)) {
            problems.add(at + ": the graph input '" + input.name + "' has shape " + shape(s) + " (rank " + s.length
                    + "); expected rank 3, 3xHxW (one image, no batch axis).");
        }
        if (input.shape != null && !Arrays.equals(input.shape, s)) {
            problems.add(at + " gives input '" + input.name + "' the shape " + shape(input.shape)
                    + " but the graph declares " + shape(s) + ".");
        }
    }

    private static void checkOutput(String at, GraphSignature g, String role, String name, String type, int rank,
            long dim1, List<String> problems) {
        GraphSignature.Tensor t = g.outputs().get(name);
        if (t == null) {
            problems.add(at + " names the " + role + " output '" + name + "' but the graph's outputs are "
                    + g.outputs().keySet() + ".");
            return;
        }
        if (!type.equals(t.type())) {
            problems.add(at + ": the graph output '" + name + "' (" + role + ") is " + t.type() + "; expected "
                    + (type.equals("INT64") ? "int64" : type) + ".");
        }
        long[] s = t.shape();
        boolean dim1Ok = dim1 < 0 || s.length < 2 || s[1] < 0 || s[1] == dim1;
        if (s.length != rank || !dim1Ok) {
            problems.add(at + ": the graph output '" + name + "' (" + role + ") has shape " + shape(s) + " (rank "
                    + s.length + "); expected " + expectedShape(role) + ".");
        }
    }

    private static String expectedShape(String role) {
        return switch (role) {
            case "boxes" -> "Nx4";
            case "masks" -> "Nx1xHxW";
            default -> "N";
        };
    }

    static String shape(long[] s) {
        return s == null ? "(none)" : Arrays.stream(s).mapToObj(d -> d < 0 ? "?" : Long.toString(d))
                .collect(Collectors.joining("x"));
    }
}
