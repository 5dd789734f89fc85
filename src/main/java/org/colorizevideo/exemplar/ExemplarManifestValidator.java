package org.colorizevideo.exemplar;

import static org.colorizevideo.exemplar.ExemplarManifest.FEATURE_HEIGHT;
import static org.colorizevideo.exemplar.ExemplarManifest.FEATURE_WIDTH;
import static org.colorizevideo.exemplar.ExemplarManifest.HEIGHT;
import static org.colorizevideo.exemplar.ExemplarManifest.WIDTH;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.colorizevideo.flow.OpenCvFlow;
import java.util.Map;
import java.util.stream.Collectors;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.exemplar.ExemplarManifest.Tensor;
import org.colorizevideo.model.GraphSignature;

/**
 * Checks an exemplar manifest (DEVC's export or ours) against the contract that {@link ExemplarModel}
 * feeds (working size, Lab centring, tensor names and shapes in graph order; the feature channels are
 * the model's), and each ONNX graph, as ONNX Runtime reads it,
 * against its manifest entry. Every mismatch becomes one sentence; all of them are reported together.
 */
public final class ExemplarManifestValidator {

    static final String EXPORTER = "models/export/export_devc.py (DEVC) or models/training/export_exemplar.py (ours)";

    /** What Java feeds the reference graph. */
    static final List<Tensor> REFERENCE_INPUTS = List.of(new Tensor("ref_lab", 1, 3, HEIGHT, WIDTH));
    static final List<Tensor> FRAME_OUTPUTS = List.of(new Tensor("ab", 1, 2, HEIGHT, WIDTH),
            new Tensor("similarity", 1, 1, HEIGHT, WIDTH));
    /** The frame graph's outputs when the manifest names a {@code frameCopy}: also the net's own ab and the gate's weight. */
    static final List<Tensor> FRAME_COPY_OUTPUTS = List.of(FRAME_OUTPUTS.get(0), FRAME_OUTPUTS.get(1),
            new Tensor("ab_net", 1, 2, HEIGHT, WIDTH), new Tensor("gate", 1, 1, HEIGHT, WIDTH));

    /** What Java reads from the reference graph, for features of {@code channels} channels. */
    static List<Tensor> referenceOutputs(int channels) {
        return List.of(new Tensor("ref_features", 1, channels, FEATURE_HEIGHT * FEATURE_WIDTH),
                new Tensor("ref_ab", 1, 2, FEATURE_HEIGHT, FEATURE_WIDTH));
    }

    /** What Java feeds the frame graph. */
    static List<Tensor> frameInputs(int channels) {
        List<Tensor> ref = referenceOutputs(channels);
        return List.of(new Tensor("L", 1, 1, HEIGHT, WIDTH), ref.get(0), ref.get(1), new Tensor("prev_lab", 1, 3, HEIGHT, WIDTH),
                new Tensor("temperature", 1));
    }

    private ExemplarManifestValidator() {
    }

    /** Checks the manifest alone (before the graphs are opened); returns the problems found. */
    public static List<String> checkManifest(String model, ExemplarManifest m, Path folder) {
        List<String> problems = new ArrayList<>();
        String who = "Model '" + model + "'";
        if (!ExemplarManifest.FORMAT.equals(m.format)) {
            problems.add(who + " has manifest format '" + m.format + "' but exemplar-based models use '"
                    + ExemplarManifest.FORMAT + "'.");
        }
        if (!Arrays.equals(m.size, new int[] {HEIGHT, WIDTH})) {
            problems.add(who + " has size " + Arrays.toString(m.size) + "; this plugin runs exemplar models at [" + HEIGHT + ", " + WIDTH + "].");
        }
        if (!Arrays.equals(m.featureSize, new int[] {FEATURE_HEIGHT, FEATURE_WIDTH})) {
            problems.add(who + " has featureSize " + Arrays.toString(m.featureSize) + "; the correlation grid must be ["
                    + FEATURE_HEIGHT + ", " + FEATURE_WIDTH + "].");
        }
        if (m.preprocess == null || !Arrays.equals(m.preprocess.padSize, new int[] {2 * HEIGHT, 2 * WIDTH})) {
            problems.add(who + " must be preprocessed with CenterPad to [" + 2 * HEIGHT + ", " + 2 * WIDTH
                    + "] (\"preprocess\": {\"padSize\": ...}), the size test.py uses.");
        }
        if (m.preprocess != null && m.preprocess.fit != null && !m.preprocess.stretch() && !"cover".equals(m.preprocess.fit)) {
            problems.add(who + " has preprocess fit '" + m.preprocess.fit + "'; use \"cover\" (scale to cover and crop, as DEVC) "
                    + "or \"stretch\".");
        }
        if (m.lab == null || m.lab.lOffset != ExemplarManifest.L_OFFSET || m.lab.abScale != 1.0) {
            problems.add(who + " must take L* - 50 and raw ab (\"lab\": {\"l_offset\": 50, \"ab_scale\": 1}).");
        }
        if (!m.recurrent) {
            problems.add(who + " is not marked \"recurrent\": true, but the frame graph takes the previous frame's Lab.");
        }
        checkFlowMethod(who, "previousWarp", m.previousWarp, "the previous output fed back as it is", problems);
        checkFlowMethod(who, "frameCopy", m.frameCopy, "the frame graph's ab is the output", problems);
        if (m.frameCopyTrust != null && (m.frameCopy == null || !(m.frameCopyTrust > 0) || m.frameCopyTrust.isInfinite())) {
            problems.add(who + " has frameCopyTrust " + m.frameCopyTrust + "; it must be a positive number and needs a "
                    + "\"frameCopy\" flow method (or leave it out: the gate's weight as the graph returns it).");
        }
        Double unmatched = m.frameCopyUnmatchedTrust;
        if (unmatched != null && (m.frameCopy == null || !(unmatched >= 0) || unmatched.isInfinite())) {
            problems.add(who + " has frameCopyUnmatchedTrust " + unmatched + "; it must be a number >= 0 and needs a "
                    + "\"frameCopy\" flow method (or leave it out: no forward-backward check).");
        }
        if (!(m.temperature > 0) || Double.isInfinite(m.temperature)) {
            problems.add(who + " has softmax temperature " + m.temperature + "; it must be a positive number (test.py: 1e-10).");
        }
        int channels = m.featureChannels();
        if (channels < 1 || channels > ExemplarManifest.MAX_FEATURE_CHANNELS) {
            problems.add(who + " declares ref_features with " + channels + " channels; the contract allows 1 to "
                    + ExemplarManifest.MAX_FEATURE_CHANNELS + " (DEVC: 256).");
            channels = ExemplarManifest.DEVC_FEATURE_CHANNELS;
        }
        checkGraph(who, "reference", m.reference, REFERENCE_INPUTS, referenceOutputs(channels), folder, problems);
        checkGraph(who, "frame", m.frame, frameInputs(channels), m.frameCopy == null ? FRAME_OUTPUTS : FRAME_COPY_OUTPUTS, folder,
                problems);
        return problems;
    }

    private static void checkFlowMethod(String who, String key, String method, String absent, List<String> problems) {
        if (method == null) {
            return;
        }
        try {
            OpenCvFlow.Method.parse(method);
        } catch (IllegalArgumentException e) {
            problems.add(who + " asks for " + key + " '" + method + "', which is not a flow method; use one of "
                    + String.join(", ", OpenCvFlow.Method.ids()) + " (or leave it out: " + absent + ").");
        }
    }

    private static void checkGraph(String who, String role, ExemplarManifest.Graph g, List<Tensor> inputs, List<Tensor> outputs,
            Path folder, List<String> problems) {
        if (g == null || g.file == null || g.inputs == null || g.outputs == null) {
            problems.add("The manifest of " + who.toLowerCase() + " needs a \"" + role + "\" entry with \"file\", \"inputs\" and \"outputs\".");
            return;
        }
        if (!Files.isRegularFile(folder.resolve(g.file))) {
            problems.add(who + " names the " + role + " graph '" + g.file + "' but " + folder.resolve(g.file)
                    + " does not exist; copy all files of the export (NAME.json, NAME_reference.onnx, NAME_frame.onnx) together.");
        }
        compare(who + " declares " + role + " inputs ", g.inputs, inputs, "this plugin feeds ", problems);
        compare(who + " declares " + role + " outputs ", g.outputs, outputs, "this plugin reads ", problems);
    }

    /** One sentence when the declared tensors differ from the expected ones in names, order, types or shapes. */
    private static void compare(String prefix, List<Tensor> declared, List<Tensor> expected, String what, List<String> problems) {
        String d = describe(declared), e = describe(expected);
        if (!d.equals(e)) {
            problems.add(prefix + d + " but " + what + e + ".");
        }
    }

    /** Checks one graph as ONNX Runtime reads it against its manifest entry; returns the problems found. */
    public static List<String> checkSignature(String model, String role, ExemplarManifest.Graph g, GraphSignature sig) {
        List<String> problems = new ArrayList<>();
        String where = "The " + role + " graph " + g.file + " of model '" + model + "'";
        String in = describe(sig.inputs()), out = describe(sig.outputs());
        if (!in.equals(describe(g.inputs))) {
            problems.add(where + " has inputs " + in + " but its manifest describes " + describe(g.inputs) + ".");
        }
        if (!out.equals(describe(g.outputs))) {
            problems.add(where + " has outputs " + out + " but its manifest describes " + describe(g.outputs) + ".");
        }
        return problems;
    }

    static String describe(List<Tensor> tensors) {
        return tensors.stream().map(t -> t.name + " " + t.type + " " + shape(t.shape)).collect(Collectors.joining(", ", "[", "]"));
    }

    static String describe(Map<String, GraphSignature.Tensor> tensors) {
        return tensors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().type() + " " + shape(e.getValue().shape()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static String shape(long[] s) {
        return s == null ? "(no shape)" : Arrays.stream(s).mapToObj(v -> v < 0 ? "?" : Long.toString(v)).collect(Collectors.joining("x"));
    }

    static void throwIfAny(String model, List<String> problems) throws ColorizeException {
        if (!problems.isEmpty()) {
            throw new ColorizeException(String.join(" ", problems) + " Fix the manifest " + model + ".json or re-export the model with "
                    + EXPORTER + ".");
        }
    }
}
