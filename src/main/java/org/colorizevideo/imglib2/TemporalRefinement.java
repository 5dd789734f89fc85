package org.colorizevideo.imglib2;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Util;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.dvp.DeepVideoPrior;
import org.colorizevideo.dvp.DvpSettings;
import org.colorizevideo.dvp.Segmenting;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;

/**
 * Colorize Temporal Refinement (Deep Video Prior) for ImgLib2 images: a gray clip (any real type, XYT)
 * and its per-frame processed colour version (ARGB, same size) in, the refined clip out, shot by shot
 * and in chunks as the command does (the same engine, so the same result for the same settings).
 *
 * <pre>{@code
 * RandomAccessibleInterval<ARGBType> steady = TemporalRefinement.fast().refine(gray, Colorizer.automatic().colorize(gray));
 * }</pre>
 */
public final class TemporalRefinement {

    private final DvpSettings settings;
    private final Segmenting segmenting;
    private final GrayRange range;
    private final ProgressListener progress;
    private final Cancellation cancel;

    private TemporalRefinement(DvpSettings settings, Segmenting segmenting, GrayRange range, ProgressListener progress,
            Cancellation cancel) {
        this.settings = settings;
        this.segmenting = segmenting;
        this.range = range;
        this.progress = progress;
        this.cancel = cancel;
    }

    public static TemporalRefinement with(DvpSettings settings) {
        return new TemporalRefinement(settings, Segmenting.defaults(), null, ProgressListener.NONE, Cancellation.NEVER);
    }

    /** Fast mode with its defaults (colour learnt at 1/4 resolution, the input's L* kept). */
    public static TemporalRefinement fast() {
        return with(DvpSettings.fast());
    }

    /** The paper's mode: the RGB network at full resolution. */
    public static TemporalRefinement faithful() {
        return with(DvpSettings.faithful());
    }

    /** Scene cuts and chunks (the commands' cuts, min_shot, chunk, overlap). */
    public TemporalRefinement segmenting(Segmenting segmenting) {
        return new TemporalRefinement(settings, segmenting, range, progress, cancel);
    }

    public TemporalRefinement grayRange(GrayRange range) {
        return new TemporalRefinement(settings, segmenting, range, progress, cancel);
    }

    public TemporalRefinement progress(ProgressListener progress) {
        return new TemporalRefinement(settings, segmenting, range, progress, cancel);
    }

    public TemporalRefinement cancel(Cancellation cancel) {
        return new TemporalRefinement(settings, segmenting, range, progress, cancel);
    }

    /** Streams the refined frames to out, in order. */
    public DeepVideoPrior.Summary refine(RandomAccessibleInterval<? extends RealType<?>> gray,
            RandomAccessibleInterval<ARGBType> processed, FrameConsumer out) throws ColorizeException {
        Frames.size(gray, "input");
        GrayRange r = range != null ? range : GrayRange.of(Util.getTypeFromInterval(gray));
        return new DeepVideoPrior(settings.validated(), segmenting, progress, cancel)
                .refine(new RaiLuminanceSource(gray, r), new RaiRgbSource(processed), new ConsumerSink(out));
    }

    /** Refines into output, an ARGB image of the input's size that the caller made. */
    public DeepVideoPrior.Summary refine(RandomAccessibleInterval<? extends RealType<?>> gray,
            RandomAccessibleInterval<ARGBType> processed, RandomAccessibleInterval<ARGBType> output) throws ColorizeException {
        Frames.requireSameSize(gray, output);
        return refine(gray, processed, (t, frame) -> ArgbCopy.into(frame, Frames.frame(output, t)));
    }

    /** Refines into a new in-memory ARGB image of the input's size. */
    public Img<ARGBType> refine(RandomAccessibleInterval<? extends RealType<?>> gray, RandomAccessibleInterval<ARGBType> processed)
            throws ColorizeException {
        Img<ARGBType> out = Frames.argbLike(gray);
        refine(gray, processed, out);
        return out;
    }
}
