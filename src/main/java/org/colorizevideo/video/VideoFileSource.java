package org.colorizevideo.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.ColourFrames;
import org.colorizevideo.colorize.LuminanceSource;

/**
 * The frames of a video file (MP4, MOV, MKV, ...) as L*, decoded on demand by FFmpeg: in order, one
 * frame in memory at a time, so a film of any length streams; a frame asked for out of order is found by
 * seeking to the key frame before it. The gray of a frame is its luma (Y'), which is the picture of a
 * black-and-white film; frames with colour are refused unless {@code convertColour} (then their luma is
 * colorized). Close it to release the decoder.
 */
public final class VideoFileSource implements LuminanceSource, ColourFrames, AutoCloseable {

    /** How far ahead decoding on is cheaper than seeking (frames). */
    private static final int DECODE_AHEAD = 32;

    private final VideoFileInfo info;
    private final boolean convertColour;
    private final String nameFormat;
    private final AVFormatContext fmt = new AVFormatContext(null);
    private final AVCodecContext decoder;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private final LumaPlane luma;
    private int last = -1;
    private boolean endOfFile;

    public VideoFileSource(VideoFileInfo info, boolean convertColour) throws ColorizeException {
        this.info = info;
        this.convertColour = convertColour;
        this.nameFormat = "%0" + Math.max(5, Integer.toString(info.frames() - 1).length()) + "d";
        Path path = info.path();
        Ffmpeg.check(avformat_open_input(fmt, path.toString(), null, (AVDictionary) null),
                "The file " + path + " cannot be opened as a video");
        AVCodecContext ctx = null;
        try {
            Ffmpeg.check(avformat_find_stream_info(fmt, (PointerPointer<?>) null), "The file " + path + " cannot be read as a video");
            var par = fmt.streams(info.streamIndex()).codecpar();
            AVCodec codec = avcodec_find_decoder(par.codec_id());
            if (codec == null) {
                throw new ColorizeException("The video stream of " + path + " is in a format this FFmpeg build cannot decode "
                        + "(codec id " + par.codec_id() + "); convert it to H.264 first.");
            }
            ctx = avcodec_alloc_context3(codec);
            Ffmpeg.check(avcodec_parameters_to_context(ctx, par), "The video stream of " + path + " cannot be decoded");
            ctx.thread_count(0);
            Ffmpeg.check(avcodec_open2(ctx, codec, (AVDictionary) null), "The video decoder for " + path + " cannot be opened");
        } catch (ColorizeException | RuntimeException e) {
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
            release();
            throw e;
        }
        this.decoder = ctx;
        this.luma = new LumaPlane(info.width(), info.height());
    }

    /** Opens a video file (probe and decoder). */
    public static VideoFileSource open(Path path, boolean convertColour) throws ColorizeException {
        return new VideoFileSource(VideoFileInfo.probe(path), convertColour);
    }

    /**
     * A second, independent decoder on the same file (same frames, same checks): for a reader that goes
     * through the film at another place than this one (refinement behind colorization), so that neither
     * makes the other seek back to a key frame at every frame.
     */
    public VideoFileSource reopen() throws ColorizeException {
        return new VideoFileSource(info, convertColour);
    }

    public VideoFileInfo info() {
        return info;
    }

    @Override
    public int size() {
        return info.frames();
    }

    @Override
    public int width() {
        return info.width();
    }

    @Override
    public int height() {
        return info.height();
    }

    /** Frame numbers from 0, zero-padded (00000, 00001, ...), as frames of a folder. */
    @Override
    public String frameName(int index) {
        return String.format(nameFormat, index);
    }

    @Override
    public synchronized float[] luminance(int index) throws ColorizeException {
        AVFrame f = decode(index);
        float[] l = new float[info.width() * info.height()];
        double chroma = luma.toL(f, l, info.path(), index);
        if (chroma > LumaPlane.GRAY_TOLERANCE && !convertColour) {
            throw new ColorizeException(String.format(java.util.Locale.ROOT, "Frame %d of %s is in colour (mean chroma "
                    + "%.1f levels from gray); set convert=true to colorize the luma of colour frames, or convert the "
                    + "video to black and white first.", index + 1, info.path().getFileName(), chroma));
        }
        return l;
    }

    /**
     * Frame i as packed sRGB (0xRRGGBB), converted by swscale with the matrix and range the stream
     * declares (BT.601 where it declares none and is smaller than 720 rows, else BT.709).
     */
    @Override
    public synchronized int[] rgb(int index) throws ColorizeException {
        return luma.toRgb(decode(index), info.path());
    }

    /** Decodes until the frame with the given index is in {@link #frame}. */
    private AVFrame decode(int index) throws ColorizeException {
        if (index < 0 || index >= info.frames()) {
            throw new IndexOutOfBoundsException(index);
        }
        if (index <= last || index > last + DECODE_AHEAD) {
            seek(index);
        }
        boolean sought = false;
        while (true) {
            if (!nextFrame()) {
                throw new ColorizeException("Frame " + (index + 1) + " of " + info.path() + " cannot be decoded: the "
                        + "video ends before it (the file may be truncated).");
            }
            long pts = frame.best_effort_timestamp() != AV_NOPTS_VALUE ? frame.best_effort_timestamp() : frame.pts();
            int i = Arrays.binarySearch(info.timestamps(), pts);
            if (i < 0) {
                continue; // a frame the container discards (before an edit list's start)
            }
            last = i;
            if (i == index) {
                return frame;
            }
            if (i > index) { // the seek landed after the frame: once more from the key frame before it
                if (sought) {
                    throw new ColorizeException("Frame " + (index + 1) + " of " + info.path() + " cannot be reached by "
                            + "seeking; the file's index may be damaged (remux it, e.g. with ffmpeg -c copy).");
                }
                seek(Math.max(0, index - 1));
                sought = true;
            }
        }
    }

    private void seek(int index) throws ColorizeException {
        Ffmpeg.check(av_seek_frame(fmt, info.streamIndex(), info.timestamps()[index], AVSEEK_FLAG_BACKWARD),
                "Cannot seek to frame " + (index + 1) + " of " + info.path());
        avcodec_flush_buffers(decoder);
        endOfFile = false;
        last = -1;
    }

    /** The decoder's next frame into {@link #frame}; false at the end of the stream. */
    private boolean nextFrame() throws ColorizeException {
        while (true) {
            int r = avcodec_receive_frame(decoder, frame);
            if (r >= 0) {
                return true;
            }
            if (r == AVERROR_EOF) {
                return false;
            }
            if (r != AVERROR_EAGAIN()) {
                Ffmpeg.check(r, "The video " + info.path() + " cannot be decoded");
            }
            if (endOfFile) {
                return false;
            }
            int read = av_read_frame(fmt, packet);
            if (read < 0) {
                if (read != AVERROR_EOF) {
                    Ffmpeg.check(read, "The video " + info.path() + " cannot be read to the end");
                }
                endOfFile = true;
                avcodec_send_packet(decoder, null);
                continue;
            }
            try {
                if (packet.stream_index() == info.streamIndex()) {
                    int s = avcodec_send_packet(decoder, packet);
                    if (s < 0 && s != AVERROR_EAGAIN()) {
                        Ffmpeg.check(s, "The video " + info.path() + " is damaged");
                    }
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (decoder != null) {
            avcodec_free_context(decoder);
        }
        luma.close();
        release();
    }

    private void release() {
        av_frame_free(frame);
        av_packet_free(packet);
        avformat_close_input(fmt);
    }
}
