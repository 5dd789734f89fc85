package org.colorizevideo.instance;

import java.util.List;

/**
 * The JSON manifest of an InstColorization export ({@code NAME.json}, format
 * {@value #FORMAT}, written by models/export/export_instcolor.py): two ONNX graphs next to it and the
 * contract they follow. Field names are the JSON keys; see models/export/README.md.
 */
public final class InstanceManifest {

    public static final String FORMAT = "colorize-video-instance/1";
    /** The only preprocessing the graphs were trained with: PIL's bilinear resize of 8-bit frames. */
    public static final String RESIZE = "pil-bilinear-8bit";

    public String format;
    public String name;
    public String description;
    /** Network input and output size (square): 256. */
    public int size;
    /** At most this many instances are fused (the authors keep the 8 best-scoring boxes). */
    public int maxInstances;
    /** Map sizes of the fusion levels: 256, 128, 64, 32. */
    public int[] levels;
    public double[] lRange = {0.0, 100.0};
    public String resize;
    /** GComp alone: the path for frames without instances. */
    public Graph full;
    /** G on the crops and GF on the frame. */
    public Graph fusion;

    /** One ONNX file (relative to the manifest) with its inputs and output. */
    public static final class Graph {
        public String file;
        public List<Tensor> inputs = List.of();
        public Tensor output;
    }

    /** A declared tensor: name, element type ("float32" or "int64") and shape (-1 = dynamic). */
    public static final class Tensor {
        public String name;
        public String type = "float32";
        public long[] shape;
    }
}
