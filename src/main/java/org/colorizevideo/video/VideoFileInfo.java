package org.colorizevideo.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;
import org.colorizevideo.ColorizeException;

/**
 * What a video file holds, read once when it is opened: the video stream's size, time base and the
 * presentation time of every frame (from its packets, without decoding: the frame count is exact and a
 * variable frame rate is kept), and which audio streams there are.
 *
 * @param timestamps presentation time of each frame in time-base units, ascending
 * @param rateNum    the stream's frame rate (FFmpeg's average, else its base rate), as a fraction
 */
public record VideoFileInfo(Path path, int streamIndex, int width, int height, int timeBaseNum, int timeBaseDen,
        long[] timestamps, int rateNum, int rateDen, List<Integer> audioStreams, String container) {

    /** Extensions opened through FFmpeg (AVI stays with ImageJ's reader, which keeps its own metadata). */
    private static final List<String> EXTENSIONS = List.of("mp4", "m4v", "mov", "mkv", "webm", "mpg", "mpeg", "ts",
            "mts", "m2ts", "wmv", "flv", "ogv", "3gp");

    public static boolean isVideoFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }

    public int frames() {
        return timestamps.length;
    }

    /** Frames per second (the stream's stated rate). */
    public double frameRate() {
        return rateDen == 0 ? 0 : (double) rateNum / rateDen;
    }

    /** Seconds from the first frame's start to the last frame's end (last frame lasting one frame period). */
    public double duration() {
        if (timestamps.length == 0) {
            return 0;
        }
        double tb = (double) timeBaseNum / timeBaseDen;
        double period = frameRate() > 0 ? 1.0 / frameRate() : 0;
        return (timestamps[timestamps.length - 1] - timestamps[0]) * tb + period;
    }

    /** Opens the file, finds its video stream and reads the timestamps of its frames. */
    public static VideoFileInfo probe(Path path) throws ColorizeException {
        Ffmpeg.load();
        if (!Files.isRegularFile(path)) {
            throw new ColorizeException("The video " + path + " does not exist or is not a file.");
        }
        AVFormatContext fmt = new AVFormatContext(null);
        Ffmpeg.check(avformat_open_input(fmt, path.toString(), null, (AVDictionary) null),
                "The file " + path + " cannot be opened as a video");
        AVPacket pkt = av_packet_alloc();
        try {
            Ffmpeg.check(avformat_find_stream_info(fmt, (PointerPointer<?>) null),
                    "The file " + path + " cannot be read as a video");
            int video = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
            if (video < 0) {
                throw new ColorizeException("The file " + path + " holds no video stream (only audio or data); there is "
                        + "nothing to colorize.");
            }
            AVStream vs = fmt.streams(video);
            List<Integer> audio = new ArrayList<>();
            for (int i = 0; i < fmt.nb_streams(); i++) {
                if (fmt.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
                    audio.add(i);
                }
            }
            long[] ts = new long[1024];
            int n = 0;
            int status;
            while ((status = av_read_frame(fmt, pkt)) >= 0) {
                if (pkt.stream_index() == video && (pkt.flags() & AV_PKT_FLAG_DISCARD) == 0) {
                    long t = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
                    if (t == AV_NOPTS_VALUE) {
                        t = n == 0 ? 0 : ts[n - 1] + 1;
                    }
                    if (n == ts.length) {
                        ts = Arrays.copyOf(ts, 2 * n);
                    }
                    ts[n++] = t;
                }
                av_packet_unref(pkt);
            }
            if (status != org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF) {
                Ffmpeg.check(status, "The video " + path + " is damaged after frame " + n + " (it may be truncated)");
            }
            if (n == 0) {
                throw new ColorizeException("The video stream of " + path + " holds no frames.");
            }
            long[] sorted = Arrays.copyOf(ts, n);
            Arrays.sort(sorted);
            AVRational rate = vs.avg_frame_rate().num() > 0 && vs.avg_frame_rate().den() > 0 ? vs.avg_frame_rate()
                    : vs.r_frame_rate();
            return new VideoFileInfo(path, video, vs.codecpar().width(), vs.codecpar().height(), vs.time_base().num(),
                    vs.time_base().den(), sorted, rate.num(), rate.den(), List.copyOf(audio), fmt.iformat().name().getString());
        } finally {
            av_packet_free(pkt);
            avformat_close_input(fmt);
        }
    }
}
