package org.colorizevideo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.colorizevideo.color.FastLab;
import org.colorizevideo.video.VideoFileSink;
import org.colorizevideo.video.VideoFileSource;
import org.colorizevideo.video.VideoTiming;

/**
 * Speed of reading and writing video files (a command, not a test):
 *
 * <pre>java -cp target/Colorize_Video-*-all.jar org.colorizevideo.bench.VideoIoBenchmark gray.mp4 [--quality 17]</pre>
 *
 * Decodes every frame to L* (what Colorize Video reads), then encodes those frames as neutral RGB into
 * a temporary H.264 file with the input's audio copied (what Colorize Video writes), and prints frames/s
 * and CPU time of each, so that they can be set next to the colorization's own frames/s.
 */
public final class VideoIoBenchmark {

    private VideoIoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int quality = args.length > 2 && args[1].equals("--quality") ? Integer.parseInt(args[2]) : VideoFileSink.DEFAULT_QUALITY;
        Path out = Files.createTempFile("video-io-", ".mp4");
        Files.delete(out);
        try (VideoFileSource source = VideoFileSource.open(file, true)) {
            int n = source.size(), w = source.width(), h = source.height();
            long cpu0 = MeasureBenchmark.processCpuNanos(), t0 = System.nanoTime();
            float[][] keep = new float[Math.min(n, 200)][];
            for (int i = 0; i < n; i++) {
                float[] l = source.luminance(i);
                if (i < keep.length) {
                    keep[i] = l;
                }
            }
            double decode = (System.nanoTime() - t0) / 1e9, decodeCpu = (MeasureBenchmark.processCpuNanos() - cpu0) / 1e9;
            VideoFileSink sink = new VideoFileSink(out, false, file, w, h, VideoTiming.of(source.info()), source.info(), quality);
            int[] rgb = new int[w * h];
            cpu0 = MeasureBenchmark.processCpuNanos();
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                float[] l = keep[i % keep.length];
                for (int p = 0; p < rgb.length; p++) {
                    rgb[p] = FastLab.labToRgb(l[p], 0, 0);
                }
                sink.put(i, rgb, w, h);
            }
            sink.commit();
            double encode = (System.nanoTime() - t0) / 1e9, encodeCpu = (MeasureBenchmark.processCpuNanos() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %d frames %dx%d, decode to L* %.1f frames/s (%.2f s wall, %.2f s CPU), "
                    + "encode H.264 CRF %d + audio copy %.1f frames/s (%.2f s wall, %.2f s CPU), %d bytes%n",
                    file.getFileName(), n, w, h, n / decode, decode, decodeCpu, quality, n / encode, encode, encodeCpu,
                    Files.size(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
