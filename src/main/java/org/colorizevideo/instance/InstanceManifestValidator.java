package org.colorizevideo.instance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.model.GraphSignature;

/**
 * Checks an InstColorization manifest against the contract that {@link InstanceColorizationModel}
 * feeds (tensor names, types and shapes), and each graph against its manifest entry. Every mismatch
 * becomes one sentence; all of them are reported together.
 */
public final class InstanceManifestValidator {

    private InstanceManifestValidator() {
    }

    /** The inputs the Java side builds for the fusion graph, in order. */
    static Map<String, InstanceManifest.Tensor> expectedFusionInputs(int size) {
        Map<String, InstanceManifest.Tensor> m = new LinkedHashMap<>();
        m.put("L", tensor("L", "float32", 1, 1, size, size));
        m.put("crops", tensor("crops", "float32", -1, 1, size, size));
        for (int r : BoxGeometry.LEVELS) {
            m.put("idx" + r, tensor("idx" + r, "int64", -1, 4, r));
            m.put("w" + r, tensor("w" + r, "float32", -1, 4, r));
        }
        return m;
    }

    private static InstanceManifest.Tensor tensor(String name, String type, long... shape) {
        InstanceManifest.Tensor t = new InstanceManifest.Tensor();
        t.name = name;
        t.type = type;
        t.shape = shape;
        return t;
    }

    /** Checks the manifest alone (before the graphs are opened); returns the problems found. */
    public static List<String> checkManifest(String model, InstanceManifest m, Path folder) {
        List<String> problems = new ArrayList<>();
        if (!InstanceManifest.FORMAT.equals(m.format)) {
            problems.add("Model '" + model + "' has manifest format '" + m.format + "' but InstColorization models use '"
                    + InstanceManifest.FORMAT + "'.");
        }
        if (m.size != 256) {
            problems.add("Model '" + model + "' has size " + m.size + "; InstColorization runs at 256.");
        }
        if (!Arrays.equals(m.levels, BoxGeometry.LEVELS)) {
            problems.add("Model '" + model + "' lists fusion levels " + Arrays.toString(m.levels) + " but the networks fuse at "
                    + Arrays.toString(BoxGeometry.LEVELS) + ".");
        }
        if (m.maxInstances < 1) {
            problems.add("Model '" + model + "' has maxInstances " + m.maxInstances + "; it must be 1 or more (the authors use 8).");
        }
        if (!InstanceManifest.RESIZE.equals(m.resize)) {
            problems.add("Model '" + model + "' asks for resize '" + m.resize + "' but only '" + InstanceManifest.RESIZE
                    + "' (the authors' preprocessing) is implemented.");
        }
        if (m.lRange == null || m.lRange.length != 2 || m.lRange[0] != 0.0 || m.lRange[1] != 100.0) {
            problems.add("Model '" + model + "' must take raw L* in [0, 100] (lRange [0.0, 100.0]).");
        }
        checkGraph(model, "full", m.full, Map.of("L", tensor("L", "float32", -1, 1, m.size, m.size)),
                new long[] {-1, 2, m.size, m.size}, folder, problems);
        checkGraph(model, "fusion", m.fusion, expectedFusionInputs(m.size), new long[] {1, 2, m.size, m.size}, folder, problems);
        return problems;
    }

    private static void checkGraph(String model, String role, InstanceManifest.Graph g, Map<String, InstanceManifest.Tensor> expected,
            long[] outShape, Path folder, List<String> problems) {
        if (g == null || g.file == null || g.output == null || g.output.name == null) {
            problems.add("The manifest of model '" + model + "' needs a \"" + role + "\" entry with \"file\", \"inputs\" and \"output\".");
            return;
        }
        if (!Files.isRegularFile(folder.resolve(g.file))) {
            problems.add("Model '" + model + "' names the " + role + " graph '" + g.file + "' but " + folder.resolve(g.file)
                    + " does not exist; copy all files of the export (NAME.json, NAME_full.onnx, NAME_fusion.onnx) together.");
        }
        Map<String, InstanceManifest.Tensor> declared = g.inputs == null ? Map.of()
                : g.inputs.stream().collect(Collectors.toMap(t -> t.name, t -> t, (a, b) -> a, LinkedHashMap::new));
        if (!declared.keySet().equals(expected.keySet())) {
            problems.add("Model '" + model + "' declares " + role + " inputs " + declared.keySet() + " but this plugin feeds "
                    + expected.keySet() + "; re-export it with models/export/export_instcolor.py.");
            return;
        }
        for (InstanceManifest.Tensor e : expected.values()) {
            InstanceManifest.Tensor d = declared.get(e.name);
            if (!e.type.equals(d.type) || !Arrays.equals(e.shape, d.shape)) {
                problems.add("Model '" + model + "' declares " + role + " input '" + e.name + "' as " + d.type + " "
                        + shape(d.shape) + " but this plugin feeds " + e.type + " " + shape(e.shape) + ".");
            }
        }
        if (!Arrays.equals(g.output.shape, outShape)) {
            problems.add("Model '" + model + "' declares " + role + " output '" + g.output.name + "' of shape "
                    + shape(g.output.shape) + " but ab of " + shape(outShape) + " is expected.");
        }
    }

    /** Checks one opened graph against its manifest entry; returns the problems found. */
    public static List<String> checkSignature(String model, String role, InstanceManifest.Graph g, GraphSignature sig) {
        List<String> problems = new ArrayList<>();
        List<String> names = g.inputs.stream().map(t -> t.name).toList();
        if (!sig.inputs().keySet().equals(new LinkedHashSet<>(names))) {
            problems.add("The " + role + " graph of model '" + model + "' has inputs " + sig.inputs().keySet()
                    + " but its manifest describes " + names + ".");
        }
        for (InstanceManifest.Tensor t : g.inputs) {
            GraphSignature.Tensor s = sig.inputs().get(t.name);
            if (s != null && (!t.type.equalsIgnoreCase(s.type()) || !sameShape(s.shape(), t.shape))) {
                problems.add("The " + role + " graph of model '" + model + "' expects '" + t.name + "' as " + s.type() + " "
                        + shape(s.shape()) + " but the manifest says " + t.type + " " + shape(t.shape) + ".");
            }
        }
        GraphSignature.Tensor out = sig.outputs().get(g.output.name);
        if (out == null) {
            problems.add("The " + role + " graph of model '" + model + "' has no output '" + g.output.name + "'; it returns "
                    + sig.outputs().keySet() + ".");
        } else if (!"float32".equals(out.type()) || !sameShape(out.shape(), g.output.shape)) {
            problems.add("The " + role + " graph of model '" + model + "' returns '" + g.output.name + "' as " + out.type() + " "
                    + shape(out.shape()) + " but the manifest says float32 " + shape(g.output.shape) + ".");
        }
        return problems;
    }

    private static boolean sameShape(long[] graph, long[] manifest) {
        if (manifest == null || graph.length != manifest.length) {
            return false;
        }
        for (int i = 0; i < graph.length; i++) {
            if (graph[i] != manifest[i] && !(graph[i] < 0 && manifest[i] < 0)) {
                return false;
            }
        }
        return true;
    }

    static String shape(long[] s) {
        return s == null ? "(none)" : Arrays.stream(s).mapToObj(d -> d < 0 ? "?" : Long.toString(d)).collect(Collectors.joining("x"));
    }

    static void throwIfAny(String model, List<String> problems) throws ColorizeException {
        if (!problems.isEmpty()) {
            throw new ColorizeException(String.join(" ", problems) + " Fix the manifest " + model
                    + ".json or re-export the model with models/export/export_instcolor.py.");
        }
    }
}
