package org.colorizevideo.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.Fixtures;
import org.colorizevideo.color.Lab;
import org.colorizevideo.colorize.ColorizeSettings;
import org.colorizevideo.model.DeviceChoice;
import org.colorizevideo.plugin.ColorizeVideoJob;
import org.colorizevideo.progress.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Video files in and out (issue #12): test videos written by FFmpeg's own ffmpeg, results read back by
 * ffprobe / ffmpeg. Small (176x144, 2 s) so that the whole class takes seconds.
 */
class VideoFileTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void ffmpegPresent() {
        FfmpegTools.assumeInstalled();
    }

    private static ColorizeVideoJob.Result colorize(Path input, Path output, boolean overwrite, boolean convert)
            throws ColorizeException {
        return ColorizeVideoJob.run(new ColorizeVideoJob.Request(null, input, output,
                new ColorizeSettings(Fixtures.model("tiny-logits").toString(), 0, DeviceChoice.CPU, 4), overwrite, convert),
                Fixtures.testModels(), ProgressListener.NONE, () -> false);
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().contains(".partial-")).toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mp4", "mkv", "mov"})
    void grayVideoWithSoundBecomesAColourVideoWithTheSameTimingAndAudio(String container) throws Exception {
        Path in = FfmpegTools.grayVideoWithTone(tmp.resolve("gray." + container), 176, 144, 50, "25", null);
        Path out = tmp.resolve("colour." + container);
        ColorizeVideoJob.Result r = colorize(in, out, false, false);
        assertEquals(out, r.output());
        assertEquals(50, r.summary().frames());
        assertEquals("h264", FfmpegTools.stream(out, "v", "codec_name"));
        assertEquals("yuv420p", FfmpegTools.stream(out, "v", "pix_fmt"));
        assertEquals(FfmpegTools.stream(in, "v", "avg_frame_rate"), FfmpegTools.stream(out, "v", "avg_frame_rate"));
        double[] tin = FfmpegTools.videoTimes(in), tout = FfmpegTools.videoTimes(out);
        assertEquals(50, tout.length);
        assertArrayEquals(tin, tout, 1e-3, "frame times");
        double din = Double.parseDouble(FfmpegTools.run("ffprobe", "-show_entries", "format=duration", "-of", "csv=p=0", in.toString()).trim());
        double dout = Double.parseDouble(FfmpegTools.run("ffprobe", "-show_entries", "format=duration", "-of", "csv=p=0", out.toString()).trim());
        assertEquals(din, dout, 1.0 / 25, "duration within one frame");
        List<String> audioIn = FfmpegTools.audioPacketDigests(in), audioOut = FfmpegTools.audioPacketDigests(out);
        assertTrue(audioIn.size() > 50, "the test video has sound: " + audioIn.size() + " packets");
        assertEquals(audioIn, audioOut, "audio packets (timestamps, sizes, MD5 of the bytes) copied unchanged");
        assertEquals(FfmpegTools.stream(in, "a", "start_time"), FfmpegTools.stream(out, "a", "start_time"));
        byte[] rgb = FfmpegTools.rgbFrame(out, 10);
        int coloured = 0;
        for (int p = 0; p < rgb.length; p += 3) {
            int max = Math.max(rgb[p] & 0xff, Math.max(rgb[p + 1] & 0xff, rgb[p + 2] & 0xff));
            int min = Math.min(rgb[p] & 0xff, Math.min(rgb[p + 1] & 0xff, rgb[p + 2] & 0xff));
            coloured += max - min > 8 ? 1 : 0;
        }
        assertTrue(coloured > rgb.length / 3 / 10, "frame 11 has colour: " + coloured + " coloured pixels");
        assertTrue(leftovers().isEmpty());
    }

    @Test
    void headlessLauncherTakesQualityAndLowerQualityGivesASmallerFile() throws Exception {
        Path in = FfmpegTools.grayVideoWithTone(tmp.resolve("gray.mp4"), 176, 144, 25, "25", null);
        long[] sizes = new long[2];
        int[] crf = {10, 35};
        for (int k = 0; k < 2; k++) {
            Path out = tmp.resolve("q" + crf[k] + ".mp4");
            int status = new org.colorizevideo.cli.HeadlessLauncher().run("--headless", "--run", "Colorize Video",
                    "input='" + in + "',output='" + out + "',model='" + Fixtures.model("tiny-logits") + "',device='cpu',quality="
                    + crf[k]);
            assertEquals(0, status);
            assertEquals("25", FfmpegTools.stream(out, "v", "nb_frames"));
            sizes[k] = Files.size(out);
        }
        assertTrue(sizes[1] < sizes[0] / 2, "CRF 35 " + sizes[1] + " bytes vs CRF 10 " + sizes[0]);
    }

    @Test
    void measureAndTemporalRefinementReadVideoFilesAndRefinementWritesOne() throws Exception {
        Path gray = FfmpegTools.grayVideoWithTone(tmp.resolve("gray.mp4"), 176, 144, 12, "25", null);
        Path colour = tmp.resolve("colour.mp4");
        colorize(gray, colour, false, false);
        // Measure: the result as a video against the same frames decoded by ffmpeg into PNGs
        Path frames = Files.createDirectories(tmp.resolve("frames"));
        FfmpegTools.run("ffmpeg", "-i", colour.toString(), "-sws_flags", "bicubic+accurate_rnd+full_chroma_int", "-pix_fmt", "rgb24", frames.resolve("%05d.png").toString());
        Path metrics = tmp.resolve("metrics");
        org.colorizevideo.cli.HeadlessLauncher launcher = new org.colorizevideo.cli.HeadlessLauncher();
        assertEquals(0, launcher.run("--headless", "--run", "Colorize Measure", "result='" + colour + "',reference='" + frames
                + "',input='" + gray + "',output='" + metrics + "'"));
        List<String> rows = Files.readAllLines(metrics.resolve("metrics.csv"));
        assertEquals(12 + 2, rows.size(), "header, 12 frames, summary");
        double psnr = Double.parseDouble(rows.get(rows.size() - 1).split(",")[1]);
        assertTrue(psnr > 45, "our decode of the video vs ffmpeg's: PSNR " + psnr);
        // Temporal refinement: gray video + its colorized video in, a video with the input's sound out
        Path refined = tmp.resolve("refined.mp4");
        assertEquals(0, launcher.run("--headless", "--run", "Colorize Temporal Refinement", "input='" + gray
                + "',processed='" + colour + "',output='" + refined + "',epochs=1,width=16,scale=0.5,seed=1"));
        assertEquals(FfmpegTools.videoTimes(gray).length, FfmpegTools.videoTimes(refined).length);
        assertArrayEquals(FfmpegTools.videoTimes(gray), FfmpegTools.videoTimes(refined), 1e-3);
        assertEquals(FfmpegTools.audioPacketDigests(gray).size(), FfmpegTools.audioPacketDigests(refined).size());
        assertTrue(leftovers().isEmpty());
    }

    @Test
    void refinementOfAVideoWithACutRunsPerShotAndWritesTheShotTable() throws Exception {
        // 20 frames of a moving test pattern, a cut, 20 frames of colour bars (as gray), a tone; a key
        // frame every 8 frames, so that a decoder that seeks back pays for it
        Path in = tmp.resolve("cut.mp4");
        FfmpegTools.run("ffmpeg", "-y", "-f", "lavfi", "-i", "testsrc2=size=176x144:rate=25:duration=0.8",
                "-f", "lavfi", "-i", "smptehdbars=size=176x144:rate=25:duration=0.8",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=1.6",
                "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0,format=gray,format=yuv420p[v]", "-map", "[v]", "-map", "2:a",
                "-c:v", "libx264", "-g", "8", "-preset", "veryfast", "-c:a", "aac", "-b:a", "64k", in.toString());
        Path out = tmp.resolve("cut-colour.mp4");
        ColorizeVideoJob.Result r = ColorizeVideoJob.run(new ColorizeVideoJob.Request(null, in, out,
                new ColorizeSettings(Fixtures.model("tiny-logits").toString(), 0, DeviceChoice.CPU, 4), false, false,
                new org.colorizevideo.dvp.DvpSettings(org.colorizevideo.dvp.DvpSettings.Mode.FAST, 2, 1e-3, 16, 1, false, 0, 0.5, 0),
                17), Fixtures.testModels(), ProgressListener.NONE, () -> false);
        assertEquals(2, r.refinement().shots().size(), "the cut is found");
        assertEquals(20, r.refinement().shots().get(1).first());
        assertEquals(out.resolveSibling("cut-colour.mp4.shots.csv"), r.shotTable());
        assertEquals(List.of("Shot,FirstFrame,LastFrame,Frames,Start time,Start seconds", "1,0,19,20,00:00:00.000,0.000000",
                "2,20,39,20,00:00:00.800,0.800000"), Files.readAllLines(r.shotTable()));
        assertArrayEquals(FfmpegTools.videoTimes(in), FfmpegTools.videoTimes(out), 1e-3);
        assertEquals(FfmpegTools.audioPacketDigests(in), FfmpegTools.audioPacketDigests(out));
        assertTrue(leftovers().isEmpty());
    }

    @Test
    void soundTheContainerCannotHoldIsReencodedAsAacAndSaidSo() throws Exception {
        // PCM sound (as in many archival captures) in an MKV; an .mp4 cannot hold PCM
        Path in = tmp.resolve("pcm.mkv");
        FfmpegTools.run("ffmpeg", "-y", "-f", "lavfi", "-i", "testsrc2=size=176x144:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-frames:v", "25", "-vf", "format=gray,format=yuv420p", "-c:v", "libx264",
                "-preset", "veryfast", "-c:a", "pcm_s16le", "-ac", "2", "-shortest", in.toString());
        Path out = tmp.resolve("pcm-colour.mp4");
        List<String> notices = new java.util.ArrayList<>();
        ColorizeVideoJob.run(new ColorizeVideoJob.Request(null, in, out,
                new ColorizeSettings(Fixtures.model("tiny-logits").toString(), 0, DeviceChoice.CPU, 4), false, false),
                Fixtures.testModels(), (done, total, message) -> {
                    if (total == ProgressListener.NOTICE) {
                        notices.add(message);
                    }
                }, () -> false);
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("pcm_s16le") && notices.get(0).contains("re-encoded as AAC"), notices.get(0));
        assertEquals("aac", FfmpegTools.stream(out, "a", "codec_name"));
        assertEquals("2", FfmpegTools.stream(out, "a", "channels"));
        assertEquals("48000", FfmpegTools.stream(out, "a", "sample_rate"));
        assertArrayEquals(FfmpegTools.videoTimes(in), FfmpegTools.videoTimes(out), 1e-3);
        // the sound itself: both decoded by ffmpeg to 16-bit samples, the AAC within 20 dB SNR of the PCM
        short[] a = FfmpegTools.pcm(in), b = FfmpegTools.pcm(out);
        int n = Math.min(a.length, b.length);
        assertTrue(Math.abs(a.length - b.length) < 2 * 1024 * 2, "lengths " + a.length + " vs " + b.length);
        double signal = 0, noise = 0;
        for (int i = 4096; i < n - 4096; i++) {
            signal += (double) a[i] * a[i];
            noise += (double) (a[i] - b[i]) * (a[i] - b[i]);
        }
        double snr = 10 * Math.log10(signal / noise);
        System.out.printf(java.util.Locale.ROOT, "PCM -> AAC: %d vs %d samples, SNR %.1f dB%n", a.length, b.length, snr);
        assertTrue(snr > 20, "AAC vs the PCM it came from: SNR " + snr + " dB");
        assertTrue(leftovers().isEmpty());
    }

    /**
     * x264's AVX-512 code reads heap memory it has not written (X264Cpu), so on such CPUs the same frames gave
     * other bytes whenever the allocator handed out used memory: 5 different files in 6 runs inside one JVM.
     * Here the native heap is dirtied before each encoding; the file must not change.
     */
    @Test
    void theSameFramesGiveTheSameFileEveryTimeInOneJvm() throws Exception {
        int w = 320, h = 176, n = 24;
        List<int[]> frames = new ArrayList<>();
        Random random = new Random(7);
        for (int t = 0; t < n; t++) {
            int[] rgb = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int r = (x * 3 + t * 5) & 255, g = (y * 2 + (x ^ y) + t) & 255, b = (x * y / 64 + t * 9) & 255;
                    rgb[y * w + x] = (r << 16) | (g << 8) | ((b + random.nextInt(16)) & 255);
                }
            }
            frames.add(rgb);
        }
        byte[] first = null;
        for (int run = 0; run < 4; run++) {
            for (int k = 0; k < 64; k++) { // used native memory for the allocator to hand out again
                BytePointer dirt = new BytePointer(64L * 1024 + k * 4096);
                Pointer.memset(dirt, 0x5a + run, dirt.capacity());
                dirt.deallocate();
            }
            Path out = tmp.resolve("same-" + run + ".mp4");
            VideoFileSink sink = new VideoFileSink(out, false, null, w, h, VideoTiming.constant(n, 25), null,
                    VideoFileSink.DEFAULT_QUALITY);
            for (int t = 0; t < n; t++) {
                sink.put(t, frames.get(t), w, h);
            }
            sink.commit();
            byte[] bytes = Files.readAllBytes(out);
            if (first == null) {
                first = bytes;
            } else {
                assertArrayEquals(first, bytes, "run " + (run + 1) + " wrote other bytes than run 1");
            }
        }
    }

    @Test
    void variableFrameRateKeepsItsTimestamps() throws Exception {
        // frames 0-19 at 25 fps, then a 0.4 s gap, then 25 fps again
        Path in = FfmpegTools.grayVideoWithTone(tmp.resolve("vfr.mp4"), 176, 144, 40, "25",
                "setpts='N/25/TB+if(gte(N\\,20)\\,0.4/TB\\,0)'");
        double[] tin = FfmpegTools.videoTimes(in);
        assertEquals(0.4 + 1.0 / 25, tin[20] - tin[19], 1e-3, "the input has the gap");
        Path out = tmp.resolve("vfr-colour.mp4");
        colorize(in, out, false, false);
        assertArrayEquals(tin, FfmpegTools.videoTimes(out), 1e-3);
        assertEquals(FfmpegTools.audioPacketDigests(in), FfmpegTools.audioPacketDigests(out));
    }

    @Test
    void luminanceIsTheLumaFfmpegDecodesAndRandomAccessEqualsSequential() throws Exception {
        Path in = FfmpegTools.grayVideoWithTone(tmp.resolve("gray.mp4"), 176, 144, 60, "25", null);
        try (VideoFileSource source = VideoFileSource.open(in, false)) {
            assertEquals(60, source.size());
            assertEquals("00007", source.frameName(7));
            float[][] sequential = new float[60][];
            for (int i = 0; i < 60; i++) {
                sequential[i] = source.luminance(i);
            }
            for (int i : new int[] {45, 3, 59, 0, 30, 31, 12}) {
                assertArrayEquals(sequential[i], source.luminance(i), "frame " + i + " read out of order");
            }
            for (int i : new int[] {0, 17, 59}) {
                byte[] gray = FfmpegTools.grayFrame(in, i);
                assertEquals(176 * 144, gray.length);
                int worst = 0;
                for (int p = 0; p < gray.length; p++) {
                    int ours = (int) Math.round(255 * Lab.lToGray(sequential[i][p]));
                    worst = Math.max(worst, Math.abs(ours - (gray[p] & 0xff)));
                }
                assertTrue(worst <= 1, "frame " + i + ": gray level differs from ffmpeg's by " + worst);
            }
        }
    }

    @Test
    void colourVideoIsRefusedUnlessConverted() throws Exception {
        Path in = tmp.resolve("colour-in.mp4");
        FfmpegTools.run("ffmpeg", "-y", "-f", "lavfi", "-i", "testsrc2=size=176x144:rate=25", "-frames:v", "10",
                "-pix_fmt", "yuv420p", "-c:v", "libx264", in.toString());
        Path out = tmp.resolve("out.mp4");
        ColorizeException e = assertThrows(ColorizeException.class, () -> colorize(in, out, false, false));
        assertTrue(e.getMessage().contains("is in colour") && e.getMessage().contains("convert=true"), e.getMessage());
        assertFalse(Files.exists(out));
        assertTrue(leftovers().isEmpty(), "nothing half-written: " + leftovers());
        colorize(in, out, false, true);
        assertEquals("10", FfmpegTools.stream(out, "v", "nb_frames"));
    }

    @Test
    void badInputsAndOutputsGetASentenceAndNothingIsWritten() throws Exception {
        Path good = FfmpegTools.grayVideoWithTone(tmp.resolve("good.mp4"), 176, 144, 20, "25", null);
        Path out = tmp.resolve("out.mp4");

        Path text = Files.writeString(tmp.resolve("notes.mp4"), "not a video");
        assertMessage(() -> colorize(text, out, false, false), "cannot be opened as a video");

        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(tmp.resolve("truncated.mp4"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertMessage(() -> colorize(truncated, out, false, false), truncated.getFileName().toString());

        Path audioOnly = tmp.resolve("tone.mp4");
        FfmpegTools.run("ffmpeg", "-y", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "1", "-c:a", "aac", audioOnly.toString());
        assertMessage(() -> colorize(audioOnly, out, false, false), "holds no video stream");

        assertMessage(() -> colorize(good, tmp.resolve("out.webm"), false, false), "does not write");
        assertFalse(Files.exists(tmp.resolve("out.webm")));

        Path existing = Files.writeString(tmp.resolve("existing.mp4"), "keep me");
        assertMessage(() -> colorize(good, existing, false, false), "already exists");
        assertEquals("keep me", Files.readString(existing));
        colorize(good, existing, true, false);
        assertEquals("20", FfmpegTools.stream(existing, "v", "nb_frames"), "overwrite=true replaces it");

        assertMessage(() -> colorize(good, good, true, false), "overlaps the input");
        assertEquals(bytes.length, Files.size(good));
        assertFalse(Files.exists(out));
        assertTrue(leftovers().isEmpty(), "nothing half-written: " + leftovers());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable run, String part) {
        ColorizeException e = assertThrows(ColorizeException.class, run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertTrue(e.getMessage().endsWith(".") || e.getMessage().endsWith(")"), "a sentence: " + e.getMessage());
    }
}
