package org.colorizevideo.imglib2;

import java.nio.file.Path;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Util;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.ColorizationEngine;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.exemplar.ExemplarSettings;
import org.colorizevideo.instance.DetectionFilter;
import org.colorizevideo.instance.InstanceSettings;
import org.colorizevideo.metrics.RgbFrame;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.model.ModelLocator;
import org.colorizevideo.progress.Cancellation;
import org.colorizevideo.progress.ProgressListener;

/**
 * Colorize Video for ImgLib2 images, for scripts and other plugins that hold a
 * {@code RandomAccessibleInterval} and should not write frames to disk. The same engine as the
 * commands (same models, same colours: the result equals the command's byte for byte), reading the
 * input a frame at a time.
 *
 * <pre>{@code
 * RandomAccessibleInterval<ARGBType> colour = Colorizer.automatic().colorize(gray);        // XYT or XY, in memory
 * Colorizer.exemplar(Path.of("still.png")).colorize(gray, colourImg);                     // into an image you made
 * Colorizer.automatic().colorize(gray, (t, frame) -> save(t, frame));                      // streaming: one frame in memory
 * }</pre>
 *
 * Input: any real type, XY (a frame) or XYT (a clip); values become gray through a {@link GrayRange}
 * (by default the type's: 8-bit values are gray levels). Each {@code colorize} call is one run (the
 * model is loaded for it); a Colorizer holds settings only and may be reused. Errors are
 * {@link ColorizeException}s with a sentence for the user.
 */
public final class Colorizer {

    private final ColorizeSettings settings;
    private final ModelLocator locator;
    private final GrayRange range;
    private final ProgressListener progress;
    private final Cancellation cancel;

    private Colorizer(ColorizeSettings settings, ModelLocator locator, GrayRange range, ProgressListener progress,
            Cancellation cancel) {
        this.settings = settings;
        this.locator = locator;
        this.range = range;
        this.progress = progress;
        this.cancel = cancel;
    }

    /** These settings (model, temperature, device, batch, instances or exemplar), as the commands take them. */
    public static Colorizer with(ColorizeSettings settings) {
        return new Colorizer(settings, ModelLocator.standard(), null, ProgressListener.NONE, Cancellation.NEVER);
    }

    /** The bundled default model, on the best device. */
    public static Colorizer automatic() {
        return with(new ColorizeSettings(ModelLocator.DEFAULT_MODEL, 0, DeviceChoice.AUTO, 4));
    }

    /** Exemplar-based: the colours of a colour image file, or of a folder of keyframes named by frame number. */
    public static Colorizer exemplar(Path referenceOrKeyframes) {
        return with(new ColorizeSettings(ModelLocator.DEFAULT_MODEL, 0, DeviceChoice.AUTO, 4, null,
                ExemplarSettings.parse(referenceOrKeyframes.toString(), "")));
    }

    /** Exemplar-based with a colour reference already in memory (any size; XY, ARGB). */
    public static Colorizer exemplar(RandomAccessibleInterval<ARGBType> reference) throws ColorizeException {
        int[] size = Frames.size(reference, "reference");
        if (size[2] != 1) {
            throw new ColorizeException("The reference has " + size[2] + " frames; give one colour image (XY).");
        }
        RgbFrame frame = new RgbFrame(size[0], size[1], ArgbCopy.rgb(Frames.frame(reference, 0), size[0] * size[1]));
        return with(new ColorizeSettings(ModelLocator.DEFAULT_MODEL, 0, DeviceChoice.AUTO, 4, null,
                ExemplarSettings.ofImage(frame, "reference image", "")));
    }

    /** Instance-aware (InstColorization): a detector export and an instance-aware model export, names or paths. */
    public static Colorizer instanceAware(String detector, String instances) throws ColorizeException {
        return with(new ColorizeSettings(ModelLocator.DEFAULT_MODEL, 0, DeviceChoice.AUTO, 4,
                InstanceSettings.parse(detector, instances, DetectionFilter.DEFAULT_THRESHOLD,
                        DetectionFilter.DEFAULT_MAX_INSTANCES, true), null));
    }

    public Colorizer model(String nameOrPath) {
        return settings(new ColorizeSettings(nameOrPath, settings.temperature(), settings.device(), settings.batch(),
                settings.instances(), settings.exemplar(), settings.saturation()));
    }

    public Colorizer temperature(double temperature) {
        return settings(new ColorizeSettings(settings.model(), temperature, settings.device(), settings.batch(),
                settings.instances(), settings.exemplar(), settings.saturation()));
    }

    /** The chroma gain that spreads each frame's colours from their mean (1 = as the model gives them; 0 = the model's). */
    public Colorizer saturation(double gain) {
        return settings(settings.withSaturation(gain));
    }

    public Colorizer device(DeviceChoice device) {
        return settings(new ColorizeSettings(settings.model(), settings.temperature(), device, settings.batch(),
                settings.instances(), settings.exemplar(), settings.saturation()));
    }

    public Colorizer locator(ModelLocator locator) {
        return new Colorizer(settings, locator, range, progress, cancel);
    }

    public Colorizer grayRange(GrayRange range) {
        return new Colorizer(settings, locator, range, progress, cancel);
    }

    public Colorizer progress(ProgressListener progress) {
        return new Colorizer(settings, locator, range, progress, cancel);
    }

    public Colorizer cancel(Cancellation cancel) {
        return new Colorizer(settings, locator, range, progress, cancel);
    }

    public ColorizeSettings settings() {
        return settings;
    }

    private Colorizer settings(ColorizeSettings s) {
        return new Colorizer(s, locator, range, progress, cancel);
    }

    /** Streams the colour frames to out, in order; memory: one batch of frames. */
    public ColorizationEngine.Summary colorize(RandomAccessibleInterval<? extends RealType<?>> input, FrameConsumer out)
            throws ColorizeException {
        RaiLuminanceSource source = source(input);
        return new ColorizationEngine(settings, locator, progress, cancel).process(source, new ConsumerSink(out));
    }

    /**
     * Colorizes into output, an ARGB image of the input's size (XY or XYT) that the caller made, e.g. a
     * cell image on disk for a long film. On error or cancel, frames written so far stay in output.
     */
    public ColorizationEngine.Summary colorize(RandomAccessibleInterval<? extends RealType<?>> input,
            RandomAccessibleInterval<ARGBType> output) throws ColorizeException {
        Frames.requireSameSize(input, output);
        return colorize(input, (t, frame) -> ArgbCopy.into(frame, Frames.frame(output, t)));
    }

    /** Colorizes into a new in-memory ARGB image of the input's size (XY or XYT). */
    public Img<ARGBType> colorize(RandomAccessibleInterval<? extends RealType<?>> input) throws ColorizeException {
        Img<ARGBType> out = Frames.argbLike(input);
        colorize(input, out);
        return out;
    }

    private RaiLuminanceSource source(RandomAccessibleInterval<? extends RealType<?>> input) throws ColorizeException {
        Frames.size(input, "input");
        GrayRange r = range != null ? range : GrayRange.of(Util.getTypeFromInterval(input));
        return new RaiLuminanceSource(input, r);
    }
}
