package org.colorizevideo.dvp;

import java.util.Locale;
import java.util.stream.IntStream;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.color.FastLab;
import org.colorizevideo.color.Resampler;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.dvp.DvpSettings.Mode;
import org.colorizevideo.progress.CancelledException;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;

/**
 * Deep Video Prior temporal refinement (Lei, Xing and Chen 2020): a U-Net is fitted, one frame per step
 * and in frame order, to map each gray input frame to its per-frame processed (e.g. colorized) frame.
 * Because the network learns what is consistent across frames before it learns the flicker, stopping
 * after a few epochs gives a temporally consistent version of the processed clip. UI-free: progress per
 * epoch, cancellation checked before every step, output through a {@link FrameSink} that is committed
 * only when every frame is written (a cancel or error aborts it; the inputs are only read).
 */
public final class DeepVideoPrior {

    private final DvpSettings settings;
    private final ProgressListener progress;
    private final Cancellation cancellation;
    private java.util.function.IntFunction<FrameSink> snapshots;
    private StepHook stepHook;

    /** For tests: sees (and may replace) the target of every training step, e.g. to inject a NaN. */
    interface StepHook {
        float[] target(int epoch, int frame, float[] target);
    }

    public DeepVideoPrior(DvpSettings settings, ProgressListener progress, Cancellation cancellation) {
        this.settings = settings;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /**
     * For experiments: after each epoch e before the last, the clip as refined so far is also written
     * to {@code sinkForEpoch.apply(e)} when that returns a sink (null: no snapshot at e).
     */
    public DeepVideoPrior withSnapshots(java.util.function.IntFunction<FrameSink> sinkForEpoch) {
        this.snapshots = sinkForEpoch;
        return this;
    }

    /** For tests only: a hook on every training step's target. */
    DeepVideoPrior withStepHook(StepHook hook) {
        this.stepHook = hook;
        return this;
    }

    /** What a finished refinement did and how long each part took. */
    public record Summary(int frames, DvpSettings settings, int workWidth, int workHeight, int padWidth, int padHeight,
            double prepareSeconds, double trainSeconds, double outputSeconds, double[] epochLoss) {

        public double secondsPerEpoch() {
            return trainSeconds / settings.epochs();
        }

        public double totalSeconds() {
            return prepareSeconds + trainSeconds + outputSeconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d frames refined (%s) at %dx%d (padded %dx%d): prepare %.1f s, train %.1f s "
                    + "(%.1f s/epoch), output %.1f s, final loss %.5f", frames, settings, workWidth, workHeight, padWidth,
                    padHeight, prepareSeconds, trainSeconds, secondsPerEpoch(), outputSeconds,
                    epochLoss.length == 0 ? Double.NaN : epochLoss[epochLoss.length - 1]);
        }
    }

    /** Refuses a pair of clips that cannot be refined together, before anything is computed. */
    public static void checkInputs(LuminanceSource gray, RgbSource processed) throws ColorizeException {
        if (gray.size() < 1) {
            throw new ColorizeException("The input has no frames; nothing to refine.");
        }
        if (processed.size() != gray.size()) {
            throw new ColorizeException("The input has " + gray.size() + " frames but the processed clip has "
                    + processed.size() + "; give the per-frame result of this very input (same frames, same order).");
        }
        if (processed.width() != gray.width() || processed.height() != gray.height()) {
            throw new ColorizeException("The input frames are " + gray.width() + "x" + gray.height()
                    + " but the processed frames are " + processed.width() + "x" + processed.height()
                    + "; both must have the same size.");
        }
        if (gray.width() < 2 || gray.height() < 2) {
            throw new ColorizeException("The frames are " + gray.width() + "x" + gray.height()
                    + " pixels; at least 2x2 is needed.");
        }
    }

    /** Refines processed (the per-frame result for gray) into sink; on error or cancel the sink is aborted. */
    public Summary refine(LuminanceSource gray, RgbSource processed, FrameSink sink) throws ColorizeException {
        boolean committed = false;
        try {
            checkInputs(gray, processed);
            Collector collector = collector(gray);
            for (int i = 0; i < gray.size(); i++) {
                checkCancel("while reading frame " + (i + 1) + " of " + gray.size());
                int[] rgb = processed.rgb(i);
                if (rgb.length != gray.width() * gray.height()) {
                    throw new ColorizeException("Processed frame " + (i + 1) + " does not have the size of the input frames.");
                }
                collector.put(i, rgb, gray.width(), gray.height());
                if ((i + 1) % 10 == 0 || i + 1 == gray.size()) {
                    progress.progress(0, settings.epochs() + 1, "Temporal refinement: read frame " + (i + 1) + "/" + gray.size());
                }
            }
            Summary summary = train(collector, sink);
            committed = true;
            return summary;
        } finally {
            if (!committed) {
                sink.abort();
            }
        }
    }

    /**
     * A sink that receives the per-frame processed frames (e.g. straight from the colorization engine)
     * and keeps them at the working resolution only; then {@link #refine(Collector, FrameSink)}.
     */
    public Collector collector(LuminanceSource gray) throws ColorizeException {
        settings.validated();
        return new Collector(gray, new WorkingFrames(settings.mode(), gray.size(), gray.width(), gray.height(),
                settings.scale()));
    }

    /** Processed frames gathered at the working resolution, with the gray input they belong to. */
    public static final class Collector implements FrameSink {
        private final LuminanceSource gray;
        private final WorkingFrames frames;
        private double seconds;

        private Collector(LuminanceSource gray, WorkingFrames frames) {
            this.gray = gray;
            this.frames = frames;
        }

        @Override
        public void put(int index, int[] rgb, int width, int height) throws ColorizeException {
            long t0 = System.nanoTime();
            frames.put(index, gray.luminance(index), rgb);
            seconds += (System.nanoTime() - t0) / 1e9;
        }

        @Override
        public void commit() {
            // nothing to publish: the frames are consumed by refine()
        }

        @Override
        public void abort() {
            // nothing was written
        }
    }

    /** Trains on collected frames and writes the refined clip into sink; aborts sink on error or cancel. */
    public Summary refine(Collector collected, FrameSink sink) throws ColorizeException {
        boolean committed = false;
        try {
            Summary summary = train(collected, sink);
            committed = true;
            return summary;
        } finally {
            if (!committed) {
                sink.abort();
            }
        }
    }

    private void checkCancel(String where) throws CancelledException {
        if (cancellation.isCancelled()) {
            throw new CancelledException(where);
        }
    }

    private Summary train(Collector collected, FrameSink sink) throws ColorizeException {
        WorkingFrames frames = collected.frames;
        LuminanceSource gray = collected.gray;
        int n = frames.frames;
        for (int i = 0; i < n; i++) {
            if (!frames.has(i)) {
                throw new ColorizeException("Processed frame " + (i + 1) + " of " + n + " is missing.");
            }
        }
        int epochs = settings.epochs();
        int warmup = settings.warmupEpochs();
        double[] epochLoss = new double[epochs];
        long t0 = System.nanoTime();
        try (DvpNetwork net = new DvpNetwork(frames.inChannels(), frames.targetChannels(), settings.irt(),
                settings.width(), frames.padH, frames.padW, LearningRateSchedule.of(settings, n), settings.seed())) {
            if (net.oneDnnOff()) {
                progress.progress(0, epochs + 1, "Temporal refinement: oneDNN gave wrong gradients on this processor; "
                        + "using libtorch's own convolutions (slower)");
            }
            for (int epoch = 1; epoch <= epochs; epoch++) {
                boolean warm = epoch <= warmup;
                DvpNetwork.Phase phase = !settings.irt() ? DvpNetwork.Phase.PLAIN
                        : warm ? DvpNetwork.Phase.WARMUP : DvpNetwork.Phase.IRT;
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    checkCancel("in epoch " + epoch + " of " + epochs + " (step " + (k + 1) + " of " + n + ")");
                    int i = warm ? 0 : k; // IRT warm-up: fit frame 0 only, as many steps as an epoch has
                    float[] target = stepHook == null ? frames.target(i) : stepHook.target(epoch, i, frames.target(i));
                    float loss = net.step(frames.input(i), target, phase);
                    if (!Float.isFinite(loss)) {
                        throw diverged("the loss became " + loss + " in epoch " + epoch + " of " + epochs + " at frame "
                                + (i + 1) + " of " + n);
                    }
                    sum += loss;
                }
                epochLoss[epoch - 1] = sum / n;
                double elapsed = (System.nanoTime() - t0) / 1e9;
                progress.progress(epoch, epochs + 1, String.format(Locale.ROOT,
                        "Temporal refinement: epoch %d/%d, loss %.4f, %.1f s/epoch%s", epoch, epochs, epochLoss[epoch - 1],
                        elapsed / epoch, warm ? " (IRT warm-up on frame 1)" : ""));
                FrameSink snapshot = snapshots == null || epoch == epochs ? null : snapshots.apply(epoch);
                if (snapshot != null) {
                    long s0 = System.nanoTime();
                    write(net, frames, gray, snapshot);
                    t0 += System.nanoTime() - s0; // snapshots do not count as training time
                }
            }
            if (!net.parametersFinite()) {
                throw diverged("the network's weights became non-finite in the last training step");
            }
            long t1 = System.nanoTime();
            write(net, frames, gray, sink);
            long t2 = System.nanoTime();
            progress.progress(epochs + 1, epochs + 1, "Temporal refinement: " + n + " frames written");
            return new Summary(n, settings, frames.workW, frames.workH, frames.padW, frames.padH, collected.seconds,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, epochLoss);
        }
    }

    /** The network's output for every frame, at full resolution, into sink (committed at the end). */
    private void write(DvpNetwork net, WorkingFrames frames, LuminanceSource gray, FrameSink sink) throws ColorizeException {
        int n = frames.frames;
        Output output = new Output(frames);
        for (int i = 0; i < n; i++) {
            checkCancel("while writing frame " + (i + 1) + " of " + n);
            float[] out = net.predict(frames.input(i));
            requireFinite(out, i);
            int[] rgb = output.rgb(out, frames.mode == Mode.FAST ? gray.luminance(i) : null);
            sink.put(i, rgb, frames.fullW, frames.fullH);
        }
        checkCancel("before the result was saved");
        sink.commit();
    }

    /** A network output with a NaN or infinity must never become a (black) frame. */
    void requireFinite(float[] out, int frame) throws ColorizeException {
        for (float v : out) {
            if (!Float.isFinite(v)) {
                throw diverged("the network's output for frame " + (frame + 1) + " is not a finite number");
            }
        }
    }

    private ColorizeException diverged(String what) {
        return new ColorizeException("Temporal refinement failed: " + what + ". Nothing was written. Run it again "
                + "with a lower learning rate (e.g. lr=" + plain(settings.lr() / 4) + " instead of lr=" + plain(settings.lr())
                + ").");
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }

    /** Turns the network's main output back into full-resolution frames. */
    private static final class Output {
        private final WorkingFrames f;
        private final Resampler up;

        Output(WorkingFrames f) {
            this.f = f;
            this.up = f.workW == f.fullW && f.workH == f.fullH ? null : new Resampler(f.workW, f.workH, f.fullW, f.fullH);
        }

        /** out: the network output (main channels first) at the padded size; lFull: L* for FAST. */
        int[] rgb(float[] out, float[] lFull) {
            int plane = f.padW * f.padH;
            int full = f.fullW * f.fullH;
            int[] rgb = new int[full];
            if (f.mode == Mode.FAST) {
                float[] a = full(out, 0, plane, 100f), b = full(out, plane, plane, 100f);
                IntStream.range(0, f.fullH).parallel().forEach(y -> {
                    for (int p = y * f.fullW, end = p + f.fullW; p < end; p++) {
                        rgb[p] = FastLab.labToRgb(lFull[p], a[p], b[p]);
                    }
                });
            } else {
                float[] r = full(out, 0, plane, 255f), g = full(out, plane, plane, 255f), b = full(out, 2 * plane, plane, 255f);
                for (int p = 0; p < full; p++) {
                    rgb[p] = (byte8(r[p]) << 16) | (byte8(g[p]) << 8) | byte8(b[p]);
                }
            }
            return rgb;
        }

        /** One channel cropped to the working size, scaled, and resampled to the full size. */
        private float[] full(float[] out, int offset, int plane, float scale) {
            float[] work = new float[f.workW * f.workH];
            for (int y = 0; y < f.workH; y++) {
                int src = offset + y * f.padW;
                for (int x = 0; x < f.workW; x++) {
                    work[y * f.workW + x] = out[src + x] * scale;
                }
            }
            if (up == null) {
                return work;
            }
            float[] result = new float[f.fullW * f.fullH];
            up.resample(work, result);
            return result;
        }

        private static int byte8(float v) {
            return v <= 0f ? 0 : v >= 255f ? 255 : (int) (v + 0.5f);
        }
    }
}
