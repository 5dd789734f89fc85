package org.colorizevideo.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;
import org.colorizevideo.ColorizeException;

/**
 * The audio streams of the input in the output: one output stream per input stream. A stream whose codec
 * the container can hold is copied packet for packet (same codec parameters, time base and bytes); one
 * it cannot hold (e.g. PCM in an .mp4) is re-encoded to AAC ({@link AacTranscoder}) and said so in
 * {@link #notes()}. Packets are taken from a second reader of the input file up to the time of the video
 * packet being written, so the file is interleaved and memory stays flat.
 */
final class AudioTracks implements AutoCloseable {

    private final AVFormatContext in = new AVFormatContext(null);
    private final AVFormatContext out;
    private final Map<Integer, AVStream> streams = new HashMap<>();
    private final Map<Integer, AacTranscoder> transcoders = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final AVPacket pending = av_packet_alloc();
    private final Path file;
    private boolean hasPending, ended;

    AudioTracks(VideoFileInfo info, AVFormatContext out, String extension) throws ColorizeException {
        this.file = info.path();
        this.out = out;
        try {
            addStreams(info.audioStreams(), extension);
        } catch (ColorizeException | RuntimeException e) {
            close();
            throw e;
        }
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    private void addStreams(List<Integer> audioStreams, String extension) throws ColorizeException {
        Ffmpeg.check(avformat_open_input(in, file.toString(), null, (AVDictionary) null),
                "The audio of " + file + " cannot be read");
        Ffmpeg.check(avformat_find_stream_info(in, (PointerPointer<?>) null), "The audio of " + file + " cannot be read");
        for (int index : audioStreams) {
            AVStream src = in.streams(index);
            int codec = src.codecpar().codec_id();
            AVStream dst = avformat_new_stream(out, null);
            if (canCopy(extension, avcodec_get_name(codec).getString())) {
                Ffmpeg.check(avcodec_parameters_copy(dst.codecpar(), src.codecpar()), "Audio stream " + index + " cannot be copied");
                dst.codecpar().codec_tag(0);
                dst.time_base(src.time_base());
            } else {
                String name = avcodec_get_name(codec).getString();
                AacTranscoder t = new AacTranscoder(src, dst, out, file);
                transcoders.put(index, t);
                notes.add("Audio stream " + index + " of " + file.getFileName() + " (" + name + ") cannot be stored in a ."
                        + extension + " file: it is re-encoded as AAC at " + t.bitRate() / 1000 + " kb/s (an .mkv output "
                        + "keeps it unchanged).");
            }
            dst.disposition(src.disposition());
            streams.put(index, dst);
        }
    }

    /**
     * Whether the container holds this audio codec as it is. FFmpeg's own avformat_query_codec cannot
     * tell (it answers yes for PCM in .mp4 and Opus in .mov, which the muxers then refuse), so these are
     * the codecs FFmpeg 7.1's muxers take: Matroska any; MP4 the MPEG-4 audio family, AC-3, Opus, FLAC,
     * ALAC, Vorbis; MOV the same but Opus, plus PCM.
     */
    static boolean canCopy(String extension, String codec) {
        return switch (extension) {
            case "mkv" -> true;
            case "mp4" -> java.util.Set.of("aac", "mp3", "mp2", "ac3", "eac3", "opus", "flac", "alac", "vorbis").contains(codec);
            case "mov" -> java.util.Set.of("aac", "mp3", "mp2", "ac3", "eac3", "alac", "vorbis").contains(codec)
                    || codec.startsWith("pcm_");
            default -> false;
        };
    }

    /** Writes the audio packets whose time is at or before t (in tb); all of them for Long.MAX_VALUE. */
    void copyUntil(long t, AVRational tb) throws ColorizeException {
        while (true) {
            if (!hasPending && !read()) {
                if (t == Long.MAX_VALUE) {
                    for (AacTranscoder transcoder : transcoders.values()) {
                        transcoder.finish();
                    }
                }
                return;
            }
            AVStream src = in.streams(pending.stream_index());
            long time = pending.dts() != org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE ? pending.dts() : pending.pts();
            if (t != Long.MAX_VALUE && av_compare_ts(time, src.time_base(), t, tb) > 0) {
                return;
            }
            hasPending = false;
            AacTranscoder transcoder = transcoders.get(pending.stream_index());
            if (transcoder != null) {
                transcoder.packet(pending);
                continue;
            }
            AVStream dst = streams.get(pending.stream_index());
            av_packet_rescale_ts(pending, src.time_base(), dst.time_base());
            pending.stream_index(dst.index());
            pending.pos(-1);
            Ffmpeg.check(av_interleaved_write_frame(out, pending), "Cannot write the audio of " + file);
        }
    }

    /** Reads the next audio packet into pending; false at the end. */
    private boolean read() throws ColorizeException {
        while (!ended) {
            av_packet_unref(pending);
            int r = av_read_frame(in, pending);
            if (r < 0) {
                ended = true;
                if (r != AVERROR_EOF) {
                    Ffmpeg.check(r, "The audio of " + file + " cannot be read to the end");
                }
                return false;
            }
            if (streams.containsKey(pending.stream_index())) {
                hasPending = true;
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (AacTranscoder t : transcoders.values()) {
            t.close();
        }
        av_packet_free(pending);
        if (!in.isNull()) {
            avformat_close_input(in);
        }
    }
}
