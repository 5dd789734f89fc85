package org.colorizevideo.video;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FFmpeg's own command-line tools (Debian's ffmpeg package, installed by .ci/install-deps) as the
 * independent reference: they write the test videos and read back what the plugin wrote.
 */
final class FfmpegTools {

    private FfmpegTools() {
    }

    static void assumeInstalled() {
        boolean ok;
        try {
            ok = new ProcessBuilder("ffprobe", "-version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        assumeTrue(ok, "ffmpeg/ffprobe not installed (.ci/install-deps installs them)");
    }

    /** Runs ffmpeg or ffprobe; returns stdout; fails with stderr when the exit status is not 0. */
    static String run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(Arrays.asList(command));
        cmd.add(1, "-v");
        cmd.add(2, "error");
        Process p = new ProcessBuilder(cmd).start();
        byte[][] out = new byte[2][];
        Thread err = new Thread(() -> out[1] = readAll(p.getErrorStream()));
        err.start();
        out[0] = readAll(p.getInputStream());
        int status = p.waitFor();
        err.join();
        if (status != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + new String(out[1]));
        }
        return new String(out[0]);
    }

    static byte[] runBytes(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(Arrays.asList(command));
        cmd.add(1, "-v");
        cmd.add(2, "error");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = readAll(p.getInputStream());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed");
        }
        return out;
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /**
     * A gray test video with a 440 Hz tone: FFmpeg's testsrc2 pattern turned gray, H.264 yuv420p, AAC
     * audio (or the given codecs), frames at the given rate.
     */
    static Path grayVideoWithTone(Path file, int width, int height, int frames, String rate, String extraVideoFilter)
            throws IOException, InterruptedException {
        String vf = "format=gray,format=yuv420p" + (extraVideoFilter == null ? "" : "," + extraVideoFilter);
        run("ffmpeg", "-y", "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + rate,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-frames:v", Integer.toString(frames),
                "-vf", vf, "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", "-b:a", "64k",
                "-shortest", file.toString());
        return file;
    }

    /** One line per stream: index, codec, frame count, average rate, start time, duration (ffprobe). */
    static List<String> streams(Path file) throws IOException, InterruptedException {
        return Arrays.asList(run("ffprobe", "-show_entries", "stream=index,codec_type,codec_name,nb_frames,avg_frame_rate,"
                + "start_time,duration", "-of", "csv=p=0", file.toString()).trim().split("\n"));
    }

    /** A stream's value (ffprobe -show_entries stream=key) of the first stream of the given type ("v", "a"). */
    static String stream(Path file, String type, String key) throws IOException, InterruptedException {
        return run("ffprobe", "-select_streams", type + ":0", "-show_entries", "stream=" + key, "-of", "csv=p=0",
                file.toString()).trim();
    }

    /** The first audio stream decoded by ffmpeg to interleaved 16-bit little-endian samples. */
    static short[] pcm(Path file) throws IOException, InterruptedException {
        Path raw = Files.createTempFile("pcm", ".raw");
        try {
            run("ffmpeg", "-y", "-i", file.toString(), "-map", "0:a:0", "-f", "s16le", "-acodec", "pcm_s16le", raw.toString());
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(raw)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            short[] out = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(out);
            return out;
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** Presentation times of the video frames (ffprobe, seconds), ascending. */
    static double[] videoTimes(Path file) throws IOException, InterruptedException {
        String[] lines = run("ffprobe", "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0",
                file.toString()).trim().split("\n");
        return Arrays.stream(lines).mapToDouble(Double::parseDouble).sorted().toArray();
    }

    /** Per audio packet: stream, dts, pts, duration, size and MD5 of its bytes (ffmpeg's framemd5 muxer, stream copy). */
    static List<String> audioPacketDigests(Path file) throws IOException, InterruptedException {
        String out = run("ffmpeg", "-i", file.toString(), "-map", "0:a", "-c", "copy", "-f", "framemd5", "-");
        return Arrays.stream(out.split("\n")).filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    }

    /** Frame i decoded by ffmpeg to 8-bit gray (full range), row-major. */
    static byte[] grayFrame(Path file, int index) throws IOException, InterruptedException {
        return runBytes("ffmpeg", "-i", file.toString(), "-vf", "select=eq(n\\," + index + ")", "-frames:v", "1",
                "-f", "rawvideo", "-pix_fmt", "gray", "-");
    }

    /** Frame i decoded by ffmpeg to packed RGB24. */
    static byte[] rgbFrame(Path file, int index) throws IOException, InterruptedException {
        return runBytes("ffmpeg", "-i", file.toString(), "-vf", "select=eq(n\\," + index + ")", "-frames:v", "1",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
    }
}
