package org.colorizevideo.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INP;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.colorize.FrameSink;
import org.colorizevideo.io.AtomicOutput;

/**
 * Writes the colour frames as a video file (.mp4, .mov, .mkv): H.264 (libx264, yuv420p, constant
 * quality {@code crf}), each frame at its given presentation time, and every audio stream of the input
 * video copied packet for packet (never decoded), interleaved with the video as it is written. The file
 * is written under a hidden temporary name in the output's folder and renamed over the target on
 * {@link #commit()}; {@link #abort()} deletes it. Frames must arrive in order.
 *
 * <p>Why FFmpeg's API through JavaCPP rather than JavaCV's FFmpegFrameRecorder: the recorder copies at
 * most one audio stream, re-stamps frames at a constant rate, and takes the video codec of its input when
 * it copies packets; here every audio stream is copied, timestamps are the input's, and video is always
 * encoded as H.264.
 */
public final class VideoFileSink implements FrameSink {

    /** x264's constant rate factor by default: 17, "visually lossless" in x264's own guidance. */
    public static final int DEFAULT_QUALITY = 17;

    private static final Map<String, String> CONTAINERS = Map.of("mp4", "mp4", "mov", "mov", "mkv", "matroska");

    private final Path target, partial;
    private final boolean overwrite;
    private final VideoTiming timing;
    private final int width, height, encodedWidth, encodedHeight;
    private final AVFormatContext out = new AVFormatContext(null);
    private final AVCodecContext encoder;
    private final AVStream videoStream;
    private final AVFrame yuv = av_frame_alloc();
    private final AVPacket packet = av_packet_alloc();
    private final SwsContext sws;
    private final IntPointer bgr0;
    /** swscale reads four plane pointers and strides even for a packed format. */
    private final PointerPointer<IntPointer> srcPlanes;
    private final IntPointer srcStrides;
    private final AudioTracks audio;
    private int next;
    private boolean closed;

    /** Whether a path names a video file output (by its extension). */
    public static boolean isVideoOutput(Path p) {
        return CONTAINERS.containsKey(extension(p));
    }

    /**
     * Refuses an output named like a video file of a kind this sink does not write (.webm, .avi, ...),
     * which would otherwise become a folder of that name.
     */
    public static void refuseUnwritableVideo(Path p) throws ColorizeException {
        if (!isVideoOutput(p) && (VideoFileInfo.isVideoFile(p) || extension(p).equals("avi"))) {
            throw new ColorizeException("The output " + p + " names a ." + extension(p) + " video, which this plugin does "
                    + "not write; end its name in .mp4, .mov or .mkv, or give a folder for PNG frames.");
        }
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(dot + 1) : "";
    }

    /**
     * Opens the output (nothing visible at target until commit).
     *
     * @param audioFrom the video whose audio streams are copied, or null for none
     * @param quality   x264 CRF, 0 (lossless) .. 51; 17 to 23 is the usual range
     */
    /** What the sink did that the user should know (an audio stream re-encoded); empty when nothing. */
    public java.util.List<String> notes() {
        return audio == null ? java.util.List.of() : audio.notes();
    }

    public VideoFileSink(Path target, boolean overwrite, Path input, int width, int height, VideoTiming timing,
            VideoFileInfo audioFrom, int quality) throws ColorizeException {
        Ffmpeg.load();
        this.target = target.toAbsolutePath().normalize();
        this.overwrite = overwrite;
        this.timing = timing;
        this.width = width;
        this.height = height;
        String container = CONTAINERS.get(extension(target));
        if (container == null) {
            throw new ColorizeException("The output " + target + " is not a video file this plugin writes; end its name in "
                    + ".mp4, .mov or .mkv, or give a folder.");
        }
        if (quality < 0 || quality > 51) {
            throw new ColorizeException("quality=" + quality + " is outside 0..51 (x264's constant rate factor: 0 lossless, "
                    + DEFAULT_QUALITY + " visually lossless, 23 x264's default, 51 worst).");
        }
        AtomicOutput.checkOverlap(this.target, input);
        if (Files.isDirectory(this.target)) {
            throw new ColorizeException("The output " + target + " is a folder; give a file name ending in ." + extension(target) + ".");
        }
        if (Files.exists(this.target) && !overwrite) {
            throw new ColorizeException("The output file " + target + " already exists; choose another output, or set "
                    + "overwrite=true to replace it.");
        }
        encodedWidth = width + (width & 1);
        encodedHeight = height + (height & 1);
        try {
            Files.createDirectories(this.target.getParent());
            partial = Files.createTempFile(this.target.getParent(), "." + this.target.getFileName() + ".partial-",
                    "." + extension(target));
        } catch (IOException e) {
            throw new ColorizeException("Cannot create the output file next to " + target + ": " + e.getMessage(), e);
        }
        AVCodecContext enc = null;
        AudioTracks copy = null;
        SwsContext scaler = null;
        IntPointer buffer = null;
        AVStream vs = null;
        try {
            Ffmpeg.check(avformat_alloc_output_context2(out, null, container, partial.toString()),
                    "FFmpeg cannot write " + container + " files");
            AVCodec codec = avcodec_find_encoder_by_name("libx264");
            if (codec == null) {
                throw new ColorizeException("This FFmpeg build has no H.264 encoder (libx264); the plugin needs "
                        + "org.bytedeco:ffmpeg with the -gpl classifier on the class path.");
            }
            vs = avformat_new_stream(out, null);
            enc = avcodec_alloc_context3(codec);
            enc.width(encodedWidth);
            enc.height(encodedHeight);
            enc.pix_fmt(AV_PIX_FMT_YUV420P);
            enc.time_base(av_make_q(timing.timeBaseNum(), timing.timeBaseDen()));
            enc.framerate(av_make_q(timing.rateNum(), timing.rateDen()));
            boolean hd = height >= 720;
            enc.color_range(AVCOL_RANGE_MPEG);
            enc.colorspace(hd ? AVCOL_SPC_BT709 : AVCOL_SPC_SMPTE170M);
            enc.color_primaries(hd ? AVCOL_PRI_BT709 : AVCOL_PRI_SMPTE170M);
            enc.color_trc(hd ? AVCOL_TRC_BT709 : AVCOL_TRC_SMPTE170M);
            if ((out.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
                enc.flags(enc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "crf", Integer.toString(quality), 0);
            av_dict_set(options, "preset", "medium", 0);
            String asm = X264Cpu.asmWithoutAvx512(); // reproducible files: see X264Cpu
            if (asm != null) {
                av_dict_set(options, "x264-params", "asm=" + asm, 0);
            }
            int opened = avcodec_open2(enc, codec, options);
            av_dict_free(options);
            Ffmpeg.check(opened, "The H.264 encoder cannot be opened for " + encodedWidth + "x" + encodedHeight + " frames");
            Ffmpeg.check(avcodec_parameters_from_context(vs.codecpar(), enc), "The video stream cannot be set up");
            vs.time_base(enc.time_base());
            copy = audioFrom == null || audioFrom.audioStreams().isEmpty() ? null : new AudioTracks(audioFrom, out, extension(target));
            AVIOContext pb = new AVIOContext(null);
            Ffmpeg.check(avio_open(pb, partial.toString(), AVIO_FLAG_WRITE), "Cannot write " + partial);
            out.pb(pb);
            AVDictionary muxOptions = new AVDictionary(null);
            if (!container.equals("matroska")) {
                av_dict_set(muxOptions, "movflags", "+faststart", 0);
            }
            int header = avformat_write_header(out, muxOptions);
            av_dict_free(muxOptions);
            Ffmpeg.check(header, "The header of " + target + " cannot be written");
            yuv.format(AV_PIX_FMT_YUV420P);
            yuv.width(encodedWidth);
            yuv.height(encodedHeight);
            Ffmpeg.check(av_frame_get_buffer(yuv, 0), "No memory for a video frame");
            scaler = sws_getContext(encodedWidth, encodedHeight, AV_PIX_FMT_BGR0, encodedWidth, encodedHeight, AV_PIX_FMT_YUV420P,
                    SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INP, null, null, (DoublePointer) null);
            IntPointer table = sws_getCoefficients(hd ? SWS_CS_ITU709 : SWS_CS_ITU601);
            sws_setColorspaceDetails(scaler, table, 1, table, 0, 0, 1 << 16, 1 << 16);
            buffer = new IntPointer((long) encodedWidth * encodedHeight);
        } catch (ColorizeException | RuntimeException e) {
            if (copy != null) {
                copy.close();
            }
            if (scaler != null) {
                sws_freeContext(scaler);
            }
            if (enc != null) {
                avcodec_free_context(enc);
            }
            freeOutput();
            deletePartial();
            throw e;
        }
        this.encoder = enc;
        this.videoStream = vs;
        this.audio = copy;
        this.sws = scaler;
        this.bgr0 = buffer;
        this.srcPlanes = new PointerPointer<>(buffer, null, null, null);
        this.srcStrides = new IntPointer(4 * encodedWidth, 0, 0, 0);
    }

    @Override
    public void put(int index, int[] rgb, int w, int h) throws ColorizeException {
        if (index != next || w != width || h != height) {
            throw new IllegalStateException("frame " + index + " (" + w + "x" + h + ") after " + next + " frames of "
                    + width + "x" + height);
        }
        if (index >= timing.frames()) {
            throw new IllegalStateException("more frames than timestamps: " + index);
        }
        bgr0.position(0);
        if (w == encodedWidth && h == encodedHeight) {
            bgr0.put(rgb, 0, rgb.length);
        } else { // odd sizes: 4:2:0 needs even ones; the last column / row is repeated
            int[] row = new int[encodedWidth];
            for (int y = 0; y < encodedHeight; y++) {
                int sy = Math.min(y, h - 1);
                System.arraycopy(rgb, sy * w, row, 0, w);
                row[encodedWidth - 1] = rgb[sy * w + w - 1];
                bgr0.position((long) y * encodedWidth).put(row, 0, encodedWidth);
            }
            bgr0.position(0);
        }
        Ffmpeg.check(av_frame_make_writable(yuv), "No memory for a video frame");
        sws_scale(sws, srcPlanes, srcStrides, 0, encodedHeight, yuv.data(), yuv.linesize());
        yuv.pts(timing.timestamps()[index]);
        encode(yuv);
        next++;
    }

    private void encode(AVFrame frame) throws ColorizeException {
        Ffmpeg.check(avcodec_send_frame(encoder, frame), "The H.264 encoder refused frame " + next);
        while (true) {
            int r = avcodec_receive_packet(encoder, packet);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF) {
                return;
            }
            Ffmpeg.check(r, "The H.264 encoder failed at frame " + next);
            packet.duration(timing.duration(packet.pts()));
            av_packet_rescale_ts(packet, encoder.time_base(), videoStream.time_base());
            packet.stream_index(videoStream.index());
            if (audio != null) {
                audio.copyUntil(packet.dts(), videoStream.time_base());
            }
            Ffmpeg.check(av_interleaved_write_frame(out, packet), "Cannot write to " + partial);
        }
    }

    @Override
    public void commit() throws ColorizeException {
        if (next != timing.frames()) {
            throw new IllegalStateException(next + " of " + timing.frames() + " frames written");
        }
        try {
            encode(null);
            if (audio != null) {
                audio.copyUntil(Long.MAX_VALUE, av_make_q(1, 1));
            }
            Ffmpeg.check(av_write_trailer(out), "The end of " + target + " cannot be written");
        } catch (ColorizeException | RuntimeException e) {
            abort();
            throw e;
        }
        release();
        try {
            if (overwrite) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            deletePartial();
            throw new ColorizeException("The video could not be moved into " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        release();
        deletePartial();
    }

    private void release() {
        if (closed) {
            return;
        }
        closed = true;
        if (audio != null) {
            audio.close();
        }
        sws_freeContext(sws);
        avcodec_free_context(encoder);
        av_frame_free(yuv);
        av_packet_free(packet);
        freeOutput();
    }

    private void freeOutput() {
        if (out.isNull()) {
            return;
        }
        if (out.pb() != null && !out.pb().isNull()) {
            avio_closep(out.pb());
        }
        avformat_free_context(out);
        out.setNull();
    }

    private void deletePartial() {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // nothing else to do: the name starts with a dot and ends in .partial-…
        }
    }

}
