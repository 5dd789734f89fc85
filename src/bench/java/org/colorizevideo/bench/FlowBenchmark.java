package org.colorizevideo.bench;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.colorizevideo.flow.FloFile;
import org.colorizevideo.flow.FlowField;
import org.colorizevideo.flow.GrayFrames;
import org.colorizevideo.flow.OpenCvFlow;
import org.colorizevideo.flow.OpticalFlowEstimator;

/**
 * End-point error of the optical-flow candidates on Flying Chairs pairs (a command, not a test):
 *
 * <pre>java -cp target/Colorize_Video-*-all.jar org.colorizevideo.bench.FlowBenchmark ../shared/data/flow/flying-chairs [--repeat 3]</pre>
 *
 * For every {@code NNNNN_img1.ppm}, {@code NNNNN_img2.ppm}, {@code NNNNN_flow.flo} triple in the folder it
 * prints the average end-point error (pixels) of the zero flow and of each candidate, and each
 * candidate's median time per pair. Frames go to the estimators as Rec. 601 luma
 * ({@link GrayFrames#luma}), as Colorize Measure feeds them. The OpenCV candidates are always there; the
 * pure-Java BoofCV ones join when the jar was built with {@code mvn -Pflow-candidates package}.
 */
public final class FlowBenchmark {

    record Candidate(String name, Supplier<OpticalFlowEstimator> factory) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/flow/flying-chairs");
        int repeat = 3;
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (args[i].equals("--repeat")) {
                repeat = Integer.parseInt(args[i + 1]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (OpenCvFlow.Method m : OpenCvFlow.Method.values()) {
            candidates.add(new Candidate("opencv " + m.id, () -> new OpenCvFlow(m)));
        }
        candidates.addAll(optionalCandidates());

        List<Path> flos;
        try (Stream<Path> s = Files.list(dir)) {
            flos = s.filter(p -> p.getFileName().toString().endsWith("_flow.flo")).sorted().toList();
        }
        if (flos.isEmpty()) {
            throw new IllegalArgumentException("no *_flow.flo in " + dir);
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        StringBuilder header = new StringBuilder("| pair | size | zero flow |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        for (Candidate c : candidates) {
            header.append(' ').append(c.name()).append(" EPE (ms) |");
            rule.append("---|");
        }
        System.out.println(header);
        System.out.println(rule);
        double[] sums = new double[candidates.size() + 1];
        double[] times = new double[candidates.size()];
        for (Path flo : flos) {
            String id = flo.getFileName().toString().replace("_flow.flo", "");
            FlowField truth = FloFile.read(flo);
            byte[] a = gray(dir.resolve(id + "_img1.ppm"));
            byte[] b = gray(dir.resolve(id + "_img2.ppm"));
            int w = truth.width();
            int h = truth.height();
            double zero = FlowField.zero(w, h).endPointError(truth);
            sums[0] += zero;
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %dx%d | %.3f |", id, w, h, zero));
            for (int k = 0; k < candidates.size(); k++) {
                try (OpticalFlowEstimator est = candidates.get(k).factory().get()) {
                    est.compute(a, b, w, h); // warm-up (JIT, native buffers)
                    long[] ns = new long[repeat];
                    FlowField f = null;
                    for (int r = 0; r < repeat; r++) {
                        long t0 = System.nanoTime();
                        f = est.compute(a, b, w, h);
                        ns[r] = System.nanoTime() - t0;
                    }
                    java.util.Arrays.sort(ns);
                    double ms = ns[repeat / 2] / 1e6;
                    double epe = f.endPointError(truth);
                    sums[k + 1] += epe;
                    times[k] += ms;
                    row.append(String.format(Locale.ROOT, " %.3f (%.0f) |", epe, ms));
                }
            }
            System.out.println(row);
        }
        int n = flos.size();
        StringBuilder mean = new StringBuilder(String.format(Locale.ROOT, "| mean | | %.3f |", sums[0] / n));
        for (int k = 0; k < candidates.size(); k++) {
            mean.append(String.format(Locale.ROOT, " **%.3f** (%.0f) |", sums[k + 1] / n, times[k] / n));
        }
        System.out.println(mean);
    }

    static byte[] gray(Path file) {
        ImagePlus imp = IJ.openImage(file.toString());
        if (imp == null) {
            throw new IllegalArgumentException("cannot open " + file);
        }
        ColorProcessor cp = imp.getProcessor() instanceof ColorProcessor c ? c
                : imp.getProcessor().convertToColorProcessor();
        return GrayFrames.luma((int[]) cp.getPixels());
    }

    /** BoofCV candidates, present only in a {@code -Pflow-candidates} build. */
    @SuppressWarnings("unchecked")
    private static List<Candidate> optionalCandidates() {
        try {
            Class<?> c = Class.forName("org.colorizevideo.bench.BoofCvFlowCandidates");
            List<Candidate> out = new ArrayList<>();
            java.util.Map<String, Supplier<OpticalFlowEstimator>> m =
                    (java.util.Map<String, Supplier<OpticalFlowEstimator>>) c.getMethod("candidates").invoke(null);
            m.forEach((name, f) -> out.add(new Candidate(name, f)));
            return out;
        } catch (ClassNotFoundException e) {
            return List.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
