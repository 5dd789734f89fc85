package org.colorizevideo.metrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.flow.FlowField;
import org.colorizevideo.flow.GrayFrames;
import org.colorizevideo.flow.OpenCvFlow;
import org.colorizevideo.flow.OpticalFlowEstimator;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.CancelledException;
import org.colorizevideo.progress.ProgressListener;

/**
 * The engine of Colorize Measure: all metrics of a colorized clip in one streaming pass, returned as a
 * {@link MetricsTable}. UI-free; the IJ1 plugin, the SciJava command and the benchmarks call it.
 *
 * <p>Frames are read in order on the calling thread (ImageJ stacks are not thread-safe) and the work is
 * spread over {@link Settings#threads()} workers: per frame PSNR, SSIM, colourfulness, the CDC
 * histograms and LPIPS; per pair of input frames the forward and backward optical flow (OpenCV DIS by
 * default) and the warp error. At most {@code 2 x threads + 2} frames' worth of work is queued, so memory
 * stays bounded for long clips.
 */
public final class ClipMeasure {

    /**
     * @param flow    optical-flow method for the warp error ({@link OpenCvFlow.Method#parse})
     * @param lpips   LPIPS model (.onnx with its .json), or null for none
     * @param threads worker threads (at least 1)
     */
    public record Settings(String flow, Path lpips, int threads) {
        public static Settings defaults() {
            return new Settings(OpenCvFlow.DEFAULT.id, null, Runtime.getRuntime().availableProcessors());
        }
    }

    private ClipMeasure() {
    }

    /**
     * Measures {@code result} against the optional {@code reference} (colour ground truth) and
     * {@code input} (the gray clip that was colorized; needed for the warp error).
     */
    public static MetricsTable measure(FrameSource result, FrameSource reference, FrameSource input, Settings settings,
            ProgressListener progress, Cancellation cancel) throws ColorizeException {
        int n = result.size();
        if (n == 0) {
            throw new ColorizeException("The result " + result.description() + " holds no frames; nothing to measure.");
        }
        checkSame(result, reference, "reference");
        checkSame(result, input, "input");
        if (reference != null && (result.width() < Ssim.WINDOW_SIZE || result.height() < Ssim.WINDOW_SIZE)) {
            throw new ColorizeException("The frames are " + result.width() + "x" + result.height() + "; SSIM needs at least "
                    + Ssim.WINDOW_SIZE + "x" + Ssim.WINDOW_SIZE + " pixels.");
        }
        OpenCvFlow.Method flowMethod;
        try {
            flowMethod = OpenCvFlow.Method.parse(settings.flow() == null || settings.flow().isBlank()
                    ? OpenCvFlow.DEFAULT.id : settings.flow());
        } catch (IllegalArgumentException e) {
            throw new ColorizeException("Unknown flow method '" + settings.flow() + "'; use one of "
                    + String.join(", ", OpenCvFlow.Method.ids()) + ".");
        }
        int threads = Math.max(1, settings.threads());

        List<String> columns = new ArrayList<>();
        if (reference != null) {
            columns.add(MetricsTable.PSNR);
            columns.add(MetricsTable.SSIM);
        }
        columns.add(MetricsTable.COLORFULNESS);
        columns.add(MetricsTable.CDC);
        if (input != null) {
            columns.add(MetricsTable.WARP);
        }
        columns.add(MetricsTable.LPIPS);
        Map<String, String> text = new LinkedHashMap<>();
        if (settings.lpips() == null) {
            text.put(MetricsTable.LPIPS, MetricsTable.LPIPS_NOT_CONFIGURED);
        } else if (reference == null) {
            text.put(MetricsTable.LPIPS, MetricsTable.LPIPS_NO_REFERENCE);
        }
        int kPsnr = columns.indexOf(MetricsTable.PSNR);
        int kSsim = columns.indexOf(MetricsTable.SSIM);
        int kColour = columns.indexOf(MetricsTable.COLORFULNESS);
        int kCdc = columns.indexOf(MetricsTable.CDC);
        int kWarp = columns.indexOf(MetricsTable.WARP);
        int kLpips = columns.indexOf(MetricsTable.LPIPS);

        double[][] rows = new double[n][columns.size()];
        for (double[] r : rows) {
            Arrays.fill(r, Double.NaN);
        }
        double[][][] hists = new double[n][][];
        LongAdder flowNs = new LongAdder();
        LongAdder warpNs = new LongAdder();
        LongAdder ssimNs = new LongAdder();
        LongAdder otherNs = new LongAdder();
        LongAdder decodeNs = new LongAdder();
        ConcurrentLinkedQueue<OpticalFlowEstimator> estimators = new ConcurrentLinkedQueue<>();
        ThreadLocal<OpticalFlowEstimator> estimator = ThreadLocal.withInitial(() -> {
            OpticalFlowEstimator e = new OpenCvFlow(flowMethod);
            estimators.add(e);
            return e;
        });

        long wall0 = System.nanoTime();
        // Our workers already keep the cores busy: let each DIS call run on its own thread (OpenCV's
        // setting is process-wide, so it is restored afterwards).
        int opencvThreads = OpenCvFlow.threads();
        if (input != null && threads > 1) {
            OpenCvFlow.setThreads(1);
        }
        Lpips lpips = settings.lpips() != null && reference != null ? Lpips.open(settings.lpips()) : null;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "colorize-measure");
            t.setDaemon(true);
            return t;
        });
        Semaphore slots = new Semaphore(3 * threads + 3);
        boolean concurrentReads = result.concurrent() && (reference == null || reference.concurrent())
                && (input == null || input.concurrent());
        List<CompletableFuture<?>> pending = new ArrayList<>();
        try {
            CompletableFuture<Loaded> previous = null;
            for (int t = 0; t < n; t++) {
                if (cancel.isCancelled()) {
                    throw new CancelledException(t, n);
                }
                progress.progress(t, n, "Measuring frame " + (t + 1) + "/" + n);
                final int frame = t;
                Callable<Loaded> read = () -> {
                    long t0 = cpuNanos();
                    RgbFrame out = result.frame(frame);
                    RgbFrame ref = reference == null ? null : reference.frame(frame);
                    byte[] gray = input == null ? null : GrayFrames.luma(input.frame(frame).pixels());
                    decodeNs.add(cpuNanos() - t0);
                    return new Loaded(out, ref, gray);
                };
                CompletableFuture<Loaded> load;
                if (concurrentReads) {
                    acquire(slots);
                    load = track(pending, slots, CompletableFuture.supplyAsync(() -> call(read), pool));
                } else {
                    load = CompletableFuture.completedFuture(call(read));
                }
                acquire(slots);
                track(pending, slots, load.thenAcceptAsync(f -> {
                    long t0 = cpuNanos();
                    double[] row = rows[frame];
                    row[kColour] = Colorfulness.compute(f.out());
                    hists[frame] = Cdc.histograms(f.out().pixels());
                    if (f.ref() != null) {
                        row[kPsnr] = Psnr.compute(f.out(), f.ref());
                    }
                    long t1 = cpuNanos();
                    if (f.ref() != null) {
                        row[kSsim] = Ssim.compute(f.out(), f.ref());
                    }
                    long t2 = cpuNanos();
                    if (lpips != null) {
                        row[kLpips] = call(() -> lpips.distance(f.out(), f.ref()));
                    }
                    long t3 = cpuNanos();
                    ssimNs.add(t2 - t1);
                    otherNs.add((t1 - t0) + (t3 - t2));
                }, pool));
                if (input != null && previous != null) {
                    acquire(slots);
                    track(pending, slots, previous.thenAcceptBothAsync(load, (a, b) -> {
                        long t0 = cpuNanos();
                        OpticalFlowEstimator est = estimator.get();
                        FlowField fw = est.compute(a.gray(), b.gray(), b.out().width(), b.out().height());
                        FlowField bw = est.compute(b.gray(), a.gray(), b.out().width(), b.out().height());
                        long t1 = cpuNanos();
                        rows[frame][kWarp] = WarpError.pair(a.out(), b.out(), fw, bw).error();
                        warpNs.add(cpuNanos() - t1);
                        flowNs.add(t1 - t0);
                    }, pool));
                }
                previous = load;
                reapFinished(pending);
            }
            for (CompletableFuture<?> f : pending) {
                await(f);
            }
            progress.progress(n, n, "Measured " + n + " frames");
        } finally {
            pool.shutdownNow();
            // Close the natives only after the workers have stopped using them.
            try {
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            estimators.forEach(OpticalFlowEstimator::close);
            if (input != null && threads > 1) {
                OpenCvFlow.setThreads(opencvThreads);
            }
            if (lpips != null) {
                lpips.close();
            }
        }

        double[] summary = new double[columns.size()];
        Arrays.fill(summary, Double.NaN);
        for (int k = 0; k < columns.size(); k++) {
            if (k != kCdc && !text.containsKey(columns.get(k))) {
                summary[k] = meanOfDefined(rows, k);
            }
        }
        long o0 = System.nanoTime();
        summary[kCdc] = Cdc.fromHistograms(Arrays.asList(hists)).value();
        otherNs.add(System.nanoTime() - o0);
        MetricsTable.Timing timing = new MetricsTable.Timing(flowNs.sum() / 1e9, warpNs.sum() / 1e9, ssimNs.sum() / 1e9,
                decodeNs.sum() / 1e9, otherNs.sum() / 1e9, (System.nanoTime() - wall0) / 1e9, threads);
        return new MetricsTable(columns, rows, summary, text, input == null ? null : flowMethod.id, timing);
    }

    /** Mean of the non-NaN cells of column k (NaN if none). Infinite cells make it infinite. */
    private static double meanOfDefined(double[][] rows, int k) {
        double s = 0;
        int c = 0;
        for (double[] r : rows) {
            if (!Double.isNaN(r[k])) {
                s += r[k];
                c++;
            }
        }
        return c == 0 ? Double.NaN : s / c;
    }

    private static void checkSame(FrameSource result, FrameSource other, String what) throws ColorizeException {
        if (other == null) {
            return;
        }
        if (other.size() != result.size()) {
            throw new ColorizeException("The " + what + " " + other.description() + " has " + other.size()
                    + " frames but the result " + result.description() + " has " + result.size() + "; they must match frame for frame.");
        }
        if (other.width() != result.width() || other.height() != result.height()) {
            throw new ColorizeException("The " + what + " frames are " + other.width() + "x" + other.height()
                    + " but the result frames are " + result.width() + "x" + result.height() + "; they must have one size.");
        }
    }

    private static void acquire(Semaphore s) throws ColorizeException {
        try {
            s.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ColorizeException("Interrupted while measuring.", e);
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * CPU time of the current thread (so the per-stage split stays meaningful on a busy machine), or
     * wall time where the JVM cannot measure it.
     */
    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** The frames of one time step: result, reference (or null), gray input as luma (or null). */
    private record Loaded(RgbFrame out, RgbFrame ref, byte[] gray) {
    }

    /** Runs a reader or LPIPS call inside a future, carrying its checked exception through. */
    private static <T> T call(Callable<T> c) {
        try {
            return c.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** Remembers a future and frees its slot when it completes, however it completes. */
    private static <T> CompletableFuture<T> track(List<CompletableFuture<?>> pending, Semaphore slots, CompletableFuture<T> f) {
        pending.add(f);
        f.whenComplete((v, e) -> slots.release());
        return f;
    }

    /** Surfaces failures early and lets finished futures go. */
    private static void reapFinished(List<CompletableFuture<?>> pending) throws ColorizeException {
        for (Iterator<CompletableFuture<?>> it = pending.iterator(); it.hasNext(); ) {
            CompletableFuture<?> f = it.next();
            if (f.isDone()) {
                await(f);
                it.remove();
            }
        }
    }

    private static void await(CompletableFuture<?> f) throws ColorizeException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ColorizeException("Interrupted while measuring.", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
                c = c.getCause();
            }
            if (c instanceof ColorizeException ce) {
                throw ce;
            }
            throw new ColorizeException("Measuring failed: " + c, c);
        }
    }
}
