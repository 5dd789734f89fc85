package org.colorizevideo.video;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import org.bytedeco.ffmpeg.global.avutil;
import org.colorizevideo.ColorizeException;

/**
 * FFmpeg through JavaCPP's presets ({@code org.bytedeco:ffmpeg}, natives from Maven Central): the
 * error text of a return code, and FFmpeg's own log kept to errors so that a user sees our messages.
 */
final class Ffmpeg {

    private Ffmpeg() {
    }

    /** Loads the natives (once per JVM, by JavaCPP) and keeps FFmpeg's log to errors. */
    static void load() {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input". */
    static String error(int code) {
        byte[] buf = new byte[256];
        av_strerror(code, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Throws the sentence (plus FFmpeg's reason) when code is an error. */
    static int check(int code, String sentence) throws ColorizeException {
        if (code < 0) {
            throw new ColorizeException(sentence + " (FFmpeg: " + error(code) + ").");
        }
        return code;
    }
}
