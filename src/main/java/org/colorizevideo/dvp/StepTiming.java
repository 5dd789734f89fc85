package org.colorizevideo.dvp;

import java.util.Locale;
import java.util.Random;

/**
 * Milliseconds per Adam step (and per forward pass) of the DVP U-Net on random data, for choosing the
 * defaults and for BENCHMARKS.md.
 *
 * <pre>java -cp ... org.colorizevideo.dvp.StepTiming HEIGHT WIDTH IN_CHANNELS TARGET_CHANNELS UNET_WIDTH [STEPS] [irt]</pre>
 */
public final class StepTiming {

    public static void main(String[] args) throws Exception {
        int h = Integer.parseInt(args[0]), w = Integer.parseInt(args[1]);
        int in = Integer.parseInt(args[2]), out = Integer.parseInt(args[3]), width = Integer.parseInt(args[4]);
        int steps = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        boolean irt = args.length > 6 && args[6].equals("irt");
        Random r = new Random(1);
        float[] x = new float[in * h * w], y = new float[out * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextFloat();
        }
        try (DvpNetwork net = new DvpNetwork(in, out, irt, width, h, w, ai.djl.training.tracker.Tracker.fixed(1e-4f), 1)) {
            DvpNetwork.Phase phase = irt ? DvpNetwork.Phase.IRT : DvpNetwork.Phase.PLAIN;
            for (int i = 0; i < 3; i++) {
                net.step(x, y, phase);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                net.step(x, y, phase);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                net.predict(x);
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%dx%d in=%d out=%d width=%d irt=%b: %.1f ms/step, %.1f ms/forward%n", h, w, in,
                    out, width, irt, (t1 - t0) / 1e6 / steps, (t2 - t1) / 1e6 / steps);
        }
    }
}
