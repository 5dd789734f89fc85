package org.colorizevideo.bench;

import boofcv.abst.flow.DenseOpticalFlow;
import boofcv.alg.flow.ConfigBroxWarping;
import boofcv.alg.tracker.klt.ConfigPKlt;
import boofcv.factory.flow.ConfigHornSchunckPyramid;
import boofcv.factory.flow.ConfigOpticalFlowBlockPyramid;
import boofcv.factory.flow.FactoryDenseOpticalFlow;
import boofcv.struct.flow.ImageFlow;
import boofcv.struct.image.GrayF32;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.colorizevideo.flow.FlowField;
import org.colorizevideo.flow.OpticalFlowEstimator;

/**
 * The pure-Java candidates for {@link FlowBenchmark}: BoofCV 1.1.7's dense flows with their default
 * configurations. Compiled only by {@code mvn -Pflow-candidates}; not part of the plugin.
 */
public final class BoofCvFlowCandidates {

    private BoofCvFlowCandidates() {
    }

    public static Map<String, Supplier<OpticalFlowEstimator>> candidates() {
        Map<String, Supplier<OpticalFlowEstimator>> m = new LinkedHashMap<>();
        m.put("boofcv horn-schunck-pyramid", () -> wrap("boofcv horn-schunck-pyramid",
                FactoryDenseOpticalFlow.hornSchunckPyramid(new ConfigHornSchunckPyramid(), GrayF32.class)));
        m.put("boofcv brox", () -> wrap("boofcv brox",
                FactoryDenseOpticalFlow.broxWarping(new ConfigBroxWarping(), GrayF32.class)));
        m.put("boofcv klt", () -> wrap("boofcv klt",
                FactoryDenseOpticalFlow.flowKlt(new ConfigPKlt(), 6, GrayF32.class, GrayF32.class)));
        m.put("boofcv region", () -> wrap("boofcv region",
                FactoryDenseOpticalFlow.region(new ConfigOpticalFlowBlockPyramid(), GrayF32.class)));
        return m;
    }

    private static OpticalFlowEstimator wrap(String name, DenseOpticalFlow<GrayF32> alg) {
        return new OpticalFlowEstimator() {
            @Override
            public FlowField compute(byte[] first, byte[] second, int width, int height) {
                GrayF32 a = image(first, width, height);
                GrayF32 b = image(second, width, height);
                ImageFlow flow = new ImageFlow(width, height);
                alg.process(a, b, flow);
                float[] u = new float[width * height];
                float[] v = new float[width * height];
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        ImageFlow.D d = flow.get(x, y);
                        if (d.isValid()) {
                            u[y * width + x] = d.x;
                            v[y * width + x] = d.y;
                        }
                    }
                }
                return new FlowField(width, height, u, v);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public void close() {
            }
        };
    }

    private static GrayF32 image(byte[] px, int w, int h) {
        GrayF32 g = new GrayF32(w, h);
        for (int i = 0; i < px.length; i++) {
            g.data[i] = px[i] & 0xff;
        }
        return g;
    }
}
