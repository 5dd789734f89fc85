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
import org.colorizevideo.shots.Shots;

/**
 * Deep Video Prior temporal refinement (Lei, Xing and Chen 2020): a U-Net is fitted, one frame per step
 * and in frame order, to map each gray input frame to its per-frame processed (e.g. colorized) frame.
 * Because the network learns what is consistent across frames before it learns the flicker, stopping
 * after a few epochs gives a temporally consistent version of the processed clip. The clip is refined
 * shot by shot (cuts found by a content detector) and, within a long shot, in overlapping chunks
 * blended across the overlap ({@link RefiningSink}, {@link Segmenting}), so memory does not grow with
 * the film. UI-free: progress per epoch, cancellation checked before every step, output through a
 * {@link FrameSink} that is committed only when every frame is written (a cancel or error aborts it;
 * the inputs are only read).
 */
public final class DeepVideoPrior {

    private final DvpSettings settings;
    private final Segmenting segmenting;
    private final ProgressListener progress;
    private final Cancellation cancellation;
    private java.util.function.IntFunction<FrameSink> snapshots;
    private StepHook stepHook;
    /** Whether this run's first network has passed the gradient check (later ones skip it). */
    private boolean gradientsChecked;

    /** For tests: sees (and may replace) the target of every training step, e.g. to inject a NaN. */
    interface StepHook {
        float[] target(int epoch, int frame, float[] target);
    }

    public DeepVideoPrior(DvpSettings settings, ProgressListener progress, Cancellation cancellation) {
        this(settings, Segmenting.defaults(), progress, cancellation);
    }

    /** Refinement split at the cuts and into chunks as segmenting says. */
    public DeepVideoPrior(DvpSettings settings, Segmenting segmenting, ProgressListener progress, Cancellation cancellation) {
        this.settings = settings;
        this.segmenting = segmenting;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /**
     * For experiments: after each epoch e before the last, the clip as refined so far is also written
     * to {@code sinkForEpoch.apply(e)} when that returns a sink (null: no snapshot at e); only for a
     * clip refined in one piece (one shot, one chunk).
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

    /**
     * What a finished refinement did and how long each part took. epochLoss: the mean loss of each
     * epoch over every trained frame of every chunk; shots: where the cuts were found; chunks: how many
     * pieces were trained.
     */
    public record Summary(int frames, DvpSettings settings, int workWidth, int workHeight, int padWidth, int padHeight,
            double prepareSeconds, double trainSeconds, double outputSeconds, double[] epochLoss, Shots shots, int chunks) {

        public double secondsPerEpoch() {
            return trainSeconds / settings.epochs();
        }

        public double totalSeconds() {
            return prepareSeconds + trainSeconds + outputSeconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d frames refined (%s) at %dx%d (padded %dx%d)%s: prepare %.1f s, train %.1f s "
                    + "(%.1f s/epoch), output %.1f s, final loss %.5f", frames, settings, workWidth, workHeight, padWidth,
                    padHeight, pieces(), prepareSeconds, trainSeconds, secondsPerEpoch(), outputSeconds,
                    epochLoss.length == 0 ? Double.NaN : epochLoss[epochLoss.length - 1]);
        }

        private String pieces() {
            int s = shots == null ? 1 : shots.size();
            return s == 1 && chunks <= 1 ? "" : String.format(Locale.ROOT, " in %d shot%s, %d chunk%s", s, s == 1 ? "" : "s",
                    chunks, chunks == 1 ? "" : "s");
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
            RefiningSink refining = collector(gray, sink);
            for (int i = 0; i < gray.size(); i++) {
                checkCancel("while reading frame " + (i + 1) + " of " + gray.size());
                int[] rgb = processed.rgb(i);
                if (rgb.length != gray.width() * gray.height()) {
                    throw new ColorizeException("Processed frame " + (i + 1) + " does not have the size of the input frames.");
                }
                refining.put(i, rgb, gray.width(), gray.height());
            }
            refining.commit();
            committed = true;
            return refining.summary();
        } finally {
            if (!committed) {
                sink.abort();
            }
        }
    }

    /**
     * A sink that receives the per-frame processed frames in order (from a file, or straight from the
     * colorization engine), refines them shot by shot and chunk by chunk as they arrive, and writes the
     * refined frames into sink; its commit finishes the last chunk and commits sink. Finds the cuts
     * first, in one pass over gray.
     */
    public RefiningSink collector(LuminanceSource gray, FrameSink sink) throws ColorizeException {
        segmenting.validated();
        return collector(gray, segmenting.detector().detect(gray, progress, cancellation), sink);
    }

    /** As {@link #collector(LuminanceSource, FrameSink)} with the cuts already found. */
    public RefiningSink collector(LuminanceSource gray, Shots shots, FrameSink sink) throws ColorizeException {
        settings.validated();
        segmenting.validated();
        if (shots.frames() != gray.size()) {
            throw new IllegalArgumentException("shots of " + shots.frames() + " frames for a clip of " + gray.size());
        }
        if (shots.size() > 1) {
            progress.progress(0, gray.size(), "Temporal refinement: " + shots.size() + " shots; each is refined on its own");
        }
        return new RefiningSink(this, gray, shots, sink);
    }

    void checkCancel(String where) throws CancelledException {
        if (cancellation.isCancelled()) {
            throw new CancelledException(where);
        }
    }

    DvpSettings settings() {
        return settings;
    }

    Segmenting segmenting() {
        return segmenting;
    }

    ProgressListener progress() {
        return progress;
    }

    /** Receives the network's output for each frame of a trained chunk, in order. */
    interface ChunkOutput {
        void accept(int slot, float[] out) throws ColorizeException;
    }

    /**
     * Fits a fresh network (same seed for every chunk) to the first n frames held in frames, then hands
     * its output for each of them to output; returns the mean loss of each epoch.
     *
     * @param first the clip frame in slot 0 (for messages and snapshots)
     * @param total the clip's frame count
     */
    double[] train(WorkingFrames frames, int n, int first, int total, LuminanceSource gray, ChunkOutput output)
            throws ColorizeException {
        int epochs = settings.epochs();
        int warmup = settings.warmupEpochs();
        double[] epochLoss = new double[epochs];
        String span = n == total ? "" : " on frames " + (first + 1) + "-" + (first + n) + " of " + total;
        long t0 = System.nanoTime();
        try (DvpNetwork net = new DvpNetwork(frames.inChannels(), frames.targetChannels(), settings.irt(),
                settings.width(), frames.padH, frames.padW, LearningRateSchedule.of(settings, n), settings.seed(),
                !gradientsChecked, settings.skip())) {
            gradientsChecked = true;
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
                    checkCancel("in epoch " + epoch + " of " + epochs + span + " (step " + (k + 1) + " of " + n + ")");
                    int i = warm ? 0 : k; // IRT warm-up: fit the chunk's first frame only, as many steps as an epoch has
                    float[] target = stepHook == null ? frames.target(i) : stepHook.target(epoch, first + i, frames.target(i));
                    float loss = net.step(frames.input(i), target, phase);
                    if (!Float.isFinite(loss)) {
                        throw diverged("the loss became " + loss + " in epoch " + epoch + " of " + epochs + " at frame "
                                + (first + i + 1) + " of " + total);
                    }
                    sum += loss;
                }
                epochLoss[epoch - 1] = sum / n;
                double elapsed = (System.nanoTime() - t0) / 1e9;
                progress.progress(epoch, epochs + 1, String.format(Locale.ROOT,
                        "Temporal refinement%s: epoch %d/%d, loss %.4f, %.1f s/epoch%s", span, epoch, epochs,
                        epochLoss[epoch - 1], elapsed / epoch, warm ? " (IRT warm-up on the first frame)" : ""));
                FrameSink snapshot = snapshots == null || epoch == epochs || n != total ? null : snapshots.apply(epoch);
                if (snapshot != null) {
                    long s0 = System.nanoTime();
                    Output out = new Output(frames);
                    for (int i = 0; i < n; i++) {
                        float[] o = net.predict(frames.input(i));
                        requireFinite(o, i);
                        snapshot.put(i, out.rgb(o, frames.mode == Mode.FAST ? gray.luminance(i) : null), frames.fullW, frames.fullH);
                    }
                    snapshot.commit();
                    t0 += System.nanoTime() - s0; // snapshots do not count as training time
                }
            }
            if (!net.parametersFinite()) {
                throw diverged("the network's weights became non-finite in the last training step");
            }
            for (int i = 0; i < n; i++) {
                checkCancel("while writing frame " + (first + i + 1) + " of " + total);
                float[] out = net.predict(frames.input(i));
                requireFinite(out, first + i);
                output.accept(i, out);
            }
            return epochLoss;
        }
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
    static final class Output {
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
