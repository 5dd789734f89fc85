package org.colorizevideo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.colorizevideo.color.Lab;
import org.colorizevideo.colorize.LuminanceSource;
import org.colorizevideo.io.LuminancePlanes;

/**
 * The first frames of a DAVIS dev clip from ../shared/data (present in CI), downscaled, as the tests on
 * real clips use them: the colour truth, its L*-neutral gray as 8-bit levels (the issues' gray input),
 * and the L* the plugin reads from those levels. Loading skips the test (assumption) without the data.
 */
public record DavisTestClip(String name, int width, int height, List<int[]> truth, float[][] lightness, List<int[]> grayRgb) {

    public static final Path DAVIS = Path.of("..", "shared", "data", "video", "davis");

    public static DavisTestClip load(String clip, int frames, int width, int height) throws Exception {
        Path dir = DAVIS.resolve(clip);
        assumeTrue(Files.isDirectory(dir), "needs the DAVIS dev clips in " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(frames).toList();
        }
        List<int[]> truth = new ArrayList<>(), grayRgb = new ArrayList<>();
        float[][] lightness = new float[files.size()][];
        double[] lab = new double[3];
        for (int t = 0; t < files.size(); t++) {
            ImagePlus imp = IJ.openImage(files.get(t).toString());
            ColorProcessor small = (ColorProcessor) imp.getProcessor().convertToRGB();
            small.setInterpolationMethod(ij.process.ImageProcessor.BILINEAR);
            int[] rgb = (int[]) small.resize(width, height, true).getPixels();
            truth.add(rgb.clone());
            float[] l = new float[rgb.length];
            int[] g = new int[rgb.length];
            for (int p = 0; p < rgb.length; p++) {
                Lab.rgbToLab(rgb[p], lab);
                int level = (int) Math.round(255 * Lab.lToGray(lab[0]));
                l[p] = (float) Lab.grayToL(level / 255.0); // what the plugin reads from an 8-bit gray frame
                g[p] = level << 16 | level << 8 | level;
            }
            lightness[t] = l;
            grayRgb.add(g);
        }
        return new DavisTestClip(clip, width, height, truth, lightness, grayRgb);
    }

    public int size() {
        return truth.size();
    }

    /** This clip followed by another of the same size: a clip with a hard cut at this clip's length. */
    public DavisTestClip then(DavisTestClip next) {
        List<int[]> t = new ArrayList<>(truth), g = new ArrayList<>(grayRgb);
        t.addAll(next.truth);
        g.addAll(next.grayRgb);
        float[][] l = java.util.Arrays.copyOf(lightness, lightness.length + next.lightness.length);
        System.arraycopy(next.lightness, 0, l, lightness.length, next.lightness.length);
        return new DavisTestClip(name + "+" + next.name, width, height, t, l, g);
    }

    /** Frames first..first+count-1 of this clip. */
    public DavisTestClip part(int first, int count) {
        return new DavisTestClip(name + "[" + first + "+" + count + "]", width, height,
                new ArrayList<>(truth.subList(first, first + count)),
                java.util.Arrays.copyOfRange(lightness, first, first + count),
                new ArrayList<>(grayRgb.subList(first, first + count)));
    }

    /** The gray clip as Colorize Video reads it. */
    public LuminanceSource gray() {
        return new LuminancePlanes(width, height, lightness);
    }
}
