package org.colorizevideo.flow;

import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;

/**
 * Dense optical flow from OpenCV 4.11 (through the JavaCPP presets, {@code org.bytedeco:opencv}):
 * Kroeger et al.'s DIS ("Fast optical flow using dense inverse search", ECCV 2016) with OpenCV's
 * three presets and a finer variant of the medium one, or Farneback's polynomial-expansion flow. See
 * BENCHMARKS.md for the end-point errors on Flying Chairs that chose {@link Method#DIS_MEDIUM} as the default.
 *
 * <p>Not thread-safe (the DIS object keeps buffers between calls); use one instance per thread.
 */
public final class OpenCvFlow implements OpticalFlowEstimator {

    /** The available methods, by the names used in the {@code flow} parameter. */
    public enum Method {
        DIS_ULTRAFAST("dis-ultrafast"),
        DIS_FAST("dis-fast"),
        DIS_MEDIUM("dis-medium"),
        /**
         * DIS's medium preset down to the full resolution (finest scale 0 instead of 1) with patches every 2
         * pixels instead of 3: about 4x medium's time; the flow of the exemplar models' frame-size copy.
         */
        DIS_FINE("dis-fine"),
        /** Farneback with levels 5, window 15, 3 iterations, poly_n 5, poly_sigma 1.1, pyramid scale 0.5. */
        FARNEBACK("farneback");

        public final String id;

        Method(String id) {
            this.id = id;
        }

        /** The method named {@code id} (case-insensitive); an IllegalArgumentException lists the names. */
        public static Method parse(String id) {
            for (Method m : values()) {
                if (m.id.equalsIgnoreCase(id.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown flow method '" + id + "'; use one of " + Arrays.toString(ids()));
        }

        public static String[] ids() {
            return Arrays.stream(values()).map(m -> m.id).toArray(String[]::new);
        }
    }

    /** The default of Colorize Measure's {@code flow} parameter. */
    public static final Method DEFAULT = Method.DIS_MEDIUM;

    private final Method method;
    private DISOpticalFlow dis;

    public OpenCvFlow(Method method) {
        this.method = method;
        if (method != Method.FARNEBACK) {
            int preset = switch (method) {
                case DIS_ULTRAFAST -> DISOpticalFlow.PRESET_ULTRAFAST;
                case DIS_FAST -> DISOpticalFlow.PRESET_FAST;
                default -> DISOpticalFlow.PRESET_MEDIUM;
            };
            dis = DISOpticalFlow.create(preset);
            if (method == Method.DIS_FINE) {
                dis.setFinestScale(0);
                dis.setPatchStride(2);
            }
        }
    }

    /**
     * Limits OpenCV's own worker threads (process-wide); {@code 0} lets OpenCV run sequentially,
     * a negative value restores its default.
     */
    public static void setThreads(int n) {
        opencv_core.setNumThreads(n);
    }

    /** OpenCV's current worker-thread count. */
    public static int threads() {
        return opencv_core.getNumThreads();
    }

    @Override
    public String name() {
        return method.id;
    }

    @Override
    public FlowField compute(byte[] first, byte[] second, int width, int height) {
        int n = width * height;
        if (first.length != n || second.length != n) {
            throw new IllegalArgumentException("expected " + n + " pixels for " + width + "x" + height);
        }
        try (BytePointer p0 = new BytePointer(first); BytePointer p1 = new BytePointer(second);
                Mat m0 = new Mat(height, width, opencv_core.CV_8UC1, p0);
                Mat m1 = new Mat(height, width, opencv_core.CV_8UC1, p1);
                Mat flow = new Mat()) {
            if (method == Method.FARNEBACK) {
                opencv_video.calcOpticalFlowFarneback(m0, m1, flow, 0.5, 5, 15, 3, 5, 1.1, 0);
            } else {
                dis.calc(m0, m1, flow);
            }
            if (flow.rows() != height || flow.cols() != width || flow.type() != opencv_core.CV_32FC2 || !flow.isContinuous()) {
                throw new IllegalStateException(String.format(Locale.ROOT, "OpenCV returned a %dx%d flow of type %d",
                        flow.cols(), flow.rows(), flow.type()));
            }
            float[] uv = new float[2 * n];
            try (FloatPointer fp = new FloatPointer(flow.data())) {
                fp.get(uv);
            }
            float[] u = new float[n];
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                u[i] = uv[2 * i];
                v[i] = uv[2 * i + 1];
            }
            return new FlowField(width, height, u, v);
        }
    }

    @Override
    public void close() {
        if (dis != null) {
            dis.close();
            dis = null;
        }
    }
}
