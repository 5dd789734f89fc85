package org.colorizevideo.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.colorizevideo.ColorizeException;

/**
 * Checks a manifest against itself and against the graph it describes, and reports every mismatch as
 * a sentence naming the model, the tensor and both shapes.
 */
public final class ManifestValidator {

    private ManifestValidator() {
    }

    public static void validate(String model, ModelManifest m, GraphSignature graph) throws ColorizeException {
        List<String> problems = new ArrayList<>();
        check(model, m, graph, problems);
        if (!problems.isEmpty()) {
            throw new ColorizeException(String.join(" ", problems)
                    + " Fix the manifest " + model + ".json or re-export the model.");
        }
    }

    private static void check(String model, ModelManifest m, GraphSignature g, List<String> problems) {
        if (!ModelManifest.FORMAT.equals(m.format)) {
            problems.add("Model '" + model + "' has manifest format '" + m.format + "' but this plugin reads '"
                    + ModelManifest.FORMAT + "'.");
        }
        if (m.input == null || m.input.name == null || m.output == null || m.output.name == null) {
            problems.add("The manifest of model '" + model + "' must name its \"input\" and \"output\" tensors.");
            return;
        }
        Set<String> declared = new LinkedHashSet<>();
        declared.add(m.input.name);
        m.extraInputs.forEach(e -> declared.add(e.name));
        if (!declared.equals(g.inputs().keySet())) {
            problems.add("Model '" + model + "' has graph inputs " + g.inputs().keySet()
                    + " but its manifest describes " + declared + ".");
        }
        checkTensor(model, "input", m.input.name, m.input.shape, g.inputs().get(m.input.name), problems);
        for (ModelManifest.ExtraInput e : m.extraInputs) {
            checkTensor(model, "input", e.name, e.shape, g.inputs().get(e.name), problems);
        }
        GraphSignature.Tensor out = g.outputs().get(m.output.name);
        if (out == null) {
            problems.add("Model '" + model + "' has no output '" + m.output.name + "'; its graph outputs are "
                    + g.outputs().keySet() + ".");
        } else if (!"float32".equals(out.type())) {
            problems.add("Model '" + model + "' output '" + m.output.name + "' is " + out.type()
                    + " but must be float32.");
        }
        if (m.input.shape != null && (m.input.shape.length != 4 || m.input.shape[1] != 1)) {
            problems.add("Model '" + model + "' must take one L* channel as N x 1 x H x W, but its manifest says "
                    + shape(m.input.shape) + ".");
        }
        checkSize(model, m, g.inputs().get(m.input.name), problems);
        checkOutput(model, m, out, problems);
        checkHints(model, m, problems);
    }

    private static void checkHints(String model, ModelManifest m, List<String> problems) {
        ModelManifest.Hints h = m.hints;
        if (h == null) {
            return;
        }
        checkHintInput(model, m, "ab", h.ab, 2, problems);
        checkHintInput(model, m, "mask", h.mask, 1, problems);
        if (h.ab != null && h.ab.equals(h.mask)) {
            problems.add("Model '" + model + "' names the same input '" + h.ab + "' for hint ab and hint mask.");
        }
        if (!(h.abScale > 0)) {
            problems.add("Model '" + model + "' has hints.abScale " + h.abScale + "; it must be above 0.");
        }
    }

    private static void checkHintInput(String model, ModelManifest m, String role, String name, int channels,
            List<String> problems) {
        if (name == null) {
            problems.add("The manifest of model '" + model + "' declares hints but no hints." + role + " input.");
            return;
        }
        ModelManifest.ExtraInput e = m.extraInputs.stream().filter(x -> name.equals(x.name)).findFirst().orElse(null);
        if (e == null) {
            problems.add("Model '" + model + "' takes hint " + role + " in '" + name
                    + "', which is not one of its extraInputs.");
        } else if (e.shape == null || e.shape.length != 4 || e.shape[1] != channels) {
            problems.add("Model '" + model + "' hint " + role + " input '" + name + "' must be N x " + channels
                    + " x H x W, but its manifest says " + (e.shape == null ? "no shape" : shape(e.shape)) + ".");
        }
    }

    private static void checkTensor(String model, String role, String name, long[] manifestShape,
            GraphSignature.Tensor graphTensor, List<String> problems) {
        if (graphTensor == null) {
            return; // reported by the input-set check
        }
        if (!"float32".equals(graphTensor.type())) {
            problems.add("Model '" + model + "' " + role + " '" + name + "' is " + graphTensor.type()
                    + " but must be float32.");
        }
        if (manifestShape == null) {
            problems.add("The manifest of model '" + model + "' gives no shape for " + role + " '" + name + "'.");
            return;
        }
        long[] gs = graphTensor.shape();
        boolean same = gs.length == manifestShape.length;
        for (int i = 0; same && i < gs.length; i++) {
            same = gs[i] == manifestShape[i] || gs[i] < 0;
        }
        if (!same) {
            problems.add("Model '" + model + "' expects " + role + " '" + name + "' of shape " + shape(gs)
                    + " but the manifest says " + shape(manifestShape) + ".");
        }
    }

    private static void checkSize(String model, ModelManifest m, GraphSignature.Tensor in, List<String> problems) {
        ModelManifest.SizePolicy s = m.input.size;
        if (s == null || s.policy == null) {
            problems.add("The manifest of model '" + model + "' needs input.size with a policy (\"fixed\" or \"shortSide\").");
            return;
        }
        long[] gs = in == null ? null : in.shape();
        switch (s.policy) {
            case "fixed" -> {
                if (s.height < 1 || s.width < 1) {
                    problems.add("Model '" + model + "' has a fixed input size but no positive height and width.");
                } else if (gs != null && gs.length == 4 && ((gs[2] > 0 && gs[2] != s.height) || (gs[3] > 0 && gs[3] != s.width))) {
                    problems.add("Model '" + model + "' expects input '" + m.input.name + "' of shape " + shape(gs)
                            + " but the manifest resizes frames to " + s.height + "x" + s.width + ".");
                }
            }
            case "shortSide" -> {
                if (s.shortSide < 1 || s.multiple < 1) {
                    problems.add("Model '" + model + "' has a shortSide size policy without a positive shortSide and multiple.");
                } else if (gs != null && gs.length == 4 && (gs[2] > 0 || gs[3] > 0)) {
                    problems.add("Model '" + model + "' has a fixed input of shape " + shape(gs)
                            + ", so its manifest cannot keep the aspect ratio (policy shortSide); use policy fixed.");
                }
            }
            default -> problems.add("Model '" + model + "' has an unknown size policy '" + s.policy
                    + "'; use \"fixed\" or \"shortSide\".");
        }
    }

    private static void checkOutput(String model, ModelManifest m, GraphSignature.Tensor out, List<String> problems) {
        ModelManifest.Output o = m.output;
        long channels = out != null && out.shape().length == 4 ? out.shape()[1] : -1;
        if (o.stride < 1) {
            problems.add("Model '" + model + "' has output stride " + o.stride + "; it must be 1 or more.");
        }
        if ("ab".equals(o.kind)) {
            if (channels > 0 && channels != 2) {
                problems.add("Model '" + model + "' declares an ab output but '" + o.name + "' has " + channels
                        + " channels instead of 2.");
            }
        } else if ("logits".equals(o.kind)) {
            if (o.bins == null || o.bins.length < 2 || Arrays.stream(o.bins).anyMatch(b -> b == null || b.length != 2)) {
                problems.add("Model '" + model + "' declares logits but its manifest has no list of [a, b] bin centres.");
            } else if (channels > 0 && channels != o.bins.length) {
                problems.add("Model '" + model + "' returns " + channels + " logits per pixel but its manifest lists "
                        + o.bins.length + " bin centres.");
            }
            if (!(o.temperature > 0)) {
                problems.add("Model '" + model + "' has default temperature " + o.temperature + "; it must be above 0.");
            }
        } else {
            problems.add("Model '" + model + "' has output kind '" + o.kind + "'; use \"ab\" or \"logits\".");
        }
        if (!(o.chromaGain > 0 && o.chromaGain <= ModelManifest.Output.MAX_CHROMA_GAIN)) {
            problems.add("Model '" + model + "' has chromaGain " + o.chromaGain + "; it must be above 0 and at most "
                    + (int) ModelManifest.Output.MAX_CHROMA_GAIN + " (1 leaves the colours as decoded).");
        }
        if (out != null && out.shape().length != 4) {
            problems.add("Model '" + model + "' output '" + o.name + "' has shape " + shape(out.shape())
                    + " but must be N x C x H x W.");
        }
    }

    static String shape(long[] s) {
        return Arrays.stream(s).mapToObj(d -> d < 0 ? "?" : Long.toString(d)).collect(Collectors.joining("x"));
    }
}
