package org.colorizevideo.dvp;

import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.dvp.DvpSettings.Mode;
import org.colorizevideo.progress.Throughput;
import org.colorizevideo.shots.Shots;

/**
 * Deep Video Prior as a streaming sink: per-frame processed frames arrive in order and are kept at the
 * working resolution; at every cut (found beforehand on the gray input, {@link Shots}) and
 * whenever {@code chunk} frames of one shot are held, a fresh network is fitted to the held frames and
 * their refined frames go to the target sink. Consecutive chunks of one shot share {@code overlap}
 * frames: the earlier chunk's output for them is kept and blended with the later chunk's, with the later
 * chunk's weight rising linearly (1/(overlap+1) ... overlap/(overlap+1)), in the network's output space
 * (a*b* in fast mode, RGB in faithful mode) so no seam shows. Never across a cut: colours of one shot
 * cannot leak into the next. Memory: one chunk at the working resolution plus the overlap's outputs.
 */
public final class RefiningSink implements FrameSink {

    private final DeepVideoPrior dvp;
    private final LuminanceSource gray;
    private final FrameSink target;
    private final Shots shots;
    private final int overlap;
    private final WorkingFrames frames;
    private final DeepVideoPrior.Output output;
    private final Throughput throughput = new Throughput();
    private final int total;
    /** Clip frame in slot 0, slots filled, slots carried over from the previous chunk of the same shot. */
    private int start, count, carried;
    /** The previous chunk's output for the carried frames. */
    private float[][] previous;
    private int arrived, written, chunks;
    private double prepareSeconds, trainSeconds, outputSeconds;
    private final double[] lossSum;
    private long lossFrames;
    private DeepVideoPrior.Summary summary;

    RefiningSink(DeepVideoPrior dvp, LuminanceSource gray, Shots shots, FrameSink target) {
        this.dvp = dvp;
        this.gray = gray;
        this.target = target;
        Segmenting seg = dvp.segmenting();
        this.shots = shots;
        this.overlap = seg.overlap();
        this.total = gray.size();
        this.frames = new WorkingFrames(dvp.settings().mode(), Math.min(seg.chunk(), total), gray.width(), gray.height(),
                dvp.settings().scale());
        this.output = new DeepVideoPrior.Output(frames);
        this.lossSum = new double[dvp.settings().epochs()];
    }

    @Override
    public void put(int index, int[] rgb, int width, int height) throws ColorizeException {
        if (index != arrived) {
            throw new ColorizeException("Temporal refinement needs the frames in order: frame " + (index + 1)
                    + " came where frame " + (arrived + 1) + " was expected.");
        }
        if (index >= total) {
            throw new ColorizeException("Frame " + (index + 1) + " is past the input's " + total + " frames.");
        }
        long t0 = System.nanoTime();
        float[] l = gray.luminance(index);
        prepareSeconds += (System.nanoTime() - t0) / 1e9;
        if (index > 0 && shots.get(shots.shotOf(index)).first() == index) {
            flush(true);
        } else if (count == frames.frames) {
            flush(false);
        }
        t0 = System.nanoTime();
        frames.put(count++, l, rgb);
        arrived++;
        prepareSeconds += (System.nanoTime() - t0) / 1e9;
        if (arrived % 10 == 0 && count > carried) {
            dvp.progress().progress(written, total, "Temporal refinement: read frame " + arrived + "/" + total);
        }
    }

    @Override
    public void commit() throws ColorizeException {
        if (arrived != total) {
            throw new ColorizeException("Processed frame " + (arrived + 1) + " of " + total + " is missing.");
        }
        flush(true);
        dvp.checkCancel("before the result was saved");
        long t0 = System.nanoTime();
        target.commit();
        outputSeconds += (System.nanoTime() - t0) / 1e9;
        double[] loss = new double[lossSum.length];
        for (int e = 0; e < loss.length; e++) {
            loss[e] = lossFrames == 0 ? Double.NaN : lossSum[e] / lossFrames;
        }
        summary = new DeepVideoPrior.Summary(total, dvp.settings(), frames.workW, frames.workH, frames.padW, frames.padH,
                prepareSeconds, trainSeconds, outputSeconds, loss, shots, chunks);
        dvp.progress().progress(total, total, "Temporal refinement: " + total + " frames written");
    }

    @Override
    public void abort() {
        target.abort();
    }

    /** The finished run (after commit). */
    public DeepVideoPrior.Summary summary() {
        if (summary == null) {
            throw new IllegalStateException("not committed");
        }
        return summary;
    }

    /**
     * Trains on the held frames and writes them, except (when the shot goes on) the last overlap frames,
     * which start the next chunk and are written after blending with its output.
     */
    private void flush(boolean endOfShot) throws ColorizeException {
        int n = count;
        if (n == 0) {
            return;
        }
        int keepFrom = endOfShot ? n : n - overlap;
        float[][] kept = new float[n - keepFrom][];
        if (n == carried) {
            for (int j = 0; j < n; j++) { // the shot ended inside the overlap: its frames are already refined
                emit(start + j, previous[j]);
            }
        } else {
            chunks++;
            long t0 = System.nanoTime();
            double output0 = outputSeconds;
            double[] loss = dvp.train(frames, n, start, total, gray, (slot, out) -> {
                if (slot < carried) {
                    blend(previous[slot], out, (slot + 1f) / (carried + 1f));
                }
                if (slot >= keepFrom) {
                    kept[slot - keepFrom] = out;
                } else {
                    emit(start + slot, out);
                }
            });
            trainSeconds += (System.nanoTime() - t0) / 1e9 - (outputSeconds - output0);
            int fresh = n - carried;
            for (int e = 0; e < loss.length; e++) {
                lossSum[e] += loss[e] * fresh;
            }
            lossFrames += fresh;
        }
        for (int j = 0; j < n; j++) {
            if (j >= keepFrom) {
                frames.move(j, j - keepFrom);
            } else {
                frames.clear(j);
            }
        }
        start += keepFrom;
        count = n - keepFrom;
        carried = count;
        previous = kept;
        String status = throughput.status(written, total);
        dvp.progress().progress(written, total, "Temporal refinement: " + written + "/" + total + " frames refined"
                + (status.isEmpty() ? "" : " (" + status + ")"));
    }

    /** out = (1 - w) * earlier + w * out, in place. */
    private static void blend(float[] earlier, float[] out, float w) {
        for (int p = 0; p < out.length; p++) {
            out[p] = (1 - w) * earlier[p] + w * out[p];
        }
    }

    private void emit(int frame, float[] out) throws ColorizeException {
        if (frame != written) {
            throw new IllegalStateException("frame " + frame + " written after " + written);
        }
        long t0 = System.nanoTime();
        int[] rgb = output.rgb(out, frames.mode == Mode.FAST ? gray.luminance(frame) : null);
        target.put(frame, rgb, frames.fullW, frames.fullH);
        written++;
        outputSeconds += (System.nanoTime() - t0) / 1e9;
    }
}
