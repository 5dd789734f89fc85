package org.colorizevideo.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_free;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_read;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_size;
import static org.bytedeco.ffmpeg.global.avutil.av_audio_fifo_write;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts2;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert_frame;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.PointerPointer;
import org.colorizevideo.ColorizeException;

/**
 * One audio stream that the output container cannot hold, re-encoded: decoded, converted by swresample
 * to planar float at the same rate and channel layout, gathered into the AAC encoder's frame size
 * (1024 samples) in a FIFO, and encoded by FFmpeg's own AAC encoder at 96 kb/s per channel (at most
 * 320). The first sample keeps the input's presentation time; the encoder's priming delay is written
 * in the stream as FFmpeg does.
 */
final class AacTranscoder implements AutoCloseable {

    private final AVStream src, dst;
    private final AVFormatContext out;
    private final Path file;
    private AVCodecContext decoder, encoder;
    private SwrContext swr;
    private AVAudioFifo fifo;
    private final AVFrame decoded = av_frame_alloc(), converted = av_frame_alloc();
    private final AVPacket packet = av_packet_alloc();
    private long nextPts = AV_NOPTS_VALUE;

    AacTranscoder(AVStream src, AVStream dst, AVFormatContext out, Path file) throws ColorizeException {
        this.src = src;
        this.dst = dst;
        this.out = out;
        this.file = file;
        try {
            open();
        } catch (ColorizeException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open() throws ColorizeException {
        String what = "audio stream " + src.index() + " of " + file;
        AVCodec dec = avcodec_find_decoder(src.codecpar().codec_id());
        if (dec == null) {
            throw new ColorizeException("This FFmpeg build cannot decode " + what + "; choose an .mkv output, which keeps it as it is.");
        }
        decoder = avcodec_alloc_context3(dec);
        Ffmpeg.check(avcodec_parameters_to_context(decoder, src.codecpar()), "Cannot read " + what);
        decoder.pkt_timebase(src.time_base());
        Ffmpeg.check(avcodec_open2(decoder, dec, (AVDictionary) null), "Cannot decode " + what);
        AVCodec aac = avcodec_find_encoder(AV_CODEC_ID_AAC);
        encoder = avcodec_alloc_context3(aac);
        int rate = decoder.sample_rate();
        encoder.sample_rate(rate);
        encoder.sample_fmt(AV_SAMPLE_FMT_FLTP);
        int channels = decoder.ch_layout().nb_channels();
        if (decoder.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
            // e.g. PCM from Matroska, which stores a channel count only: the usual layout for that count
            // (stereo for 2), which MP4 needs and which swresample then maps one to one
            av_channel_layout_default(decoder.ch_layout(), channels);
        }
        Ffmpeg.check(av_channel_layout_copy(encoder.ch_layout(), decoder.ch_layout()), "Cannot set up the AAC encoder");
        encoder.bit_rate(Math.min(320_000, 96_000L * Math.max(1, channels)));
        encoder.time_base(av_make_q(1, rate));
        if ((out.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        Ffmpeg.check(avcodec_open2(encoder, aac, (AVDictionary) null), "The AAC encoder cannot take " + what
                + " (" + rate + " Hz, " + channels + " channels); choose an .mkv output, which keeps it as it is");
        Ffmpeg.check(avcodec_parameters_from_context(dst.codecpar(), encoder), "Cannot set up the AAC stream");
        dst.time_base(encoder.time_base());
        PointerPointer<SwrContext> holder = new PointerPointer<>(1);
        holder.put(0, (org.bytedeco.javacpp.Pointer) null); // *ps must be NULL: swr_alloc_set_opts2 reuses a context there
        Ffmpeg.check(swr_alloc_set_opts2(holder, encoder.ch_layout(), AV_SAMPLE_FMT_FLTP, rate, decoder.ch_layout(),
                decoder.sample_fmt(), rate, 0, null), "Cannot set up the audio conversion");
        swr = holder.get(SwrContext.class, 0);
        Ffmpeg.check(swr_init(swr), "Cannot set up the audio conversion");
        fifo = av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, channels, 4 * Math.max(1024, encoder.frame_size()));
    }

    long bitRate() {
        return encoder.bit_rate();
    }

    /** One packet of the input stream. */
    void packet(AVPacket in) throws ColorizeException {
        Ffmpeg.check(avcodec_send_packet(decoder, in), "Cannot decode audio stream " + src.index() + " of " + file);
        drainDecoder();
        encodeFull(false);
    }

    /** The rest: decoder and FIFO flushed, the encoder's last packets written. */
    void finish() throws ColorizeException {
        avcodec_send_packet(decoder, null);
        drainDecoder();
        encodeFull(true);
        Ffmpeg.check(avcodec_send_frame(encoder, null), "Cannot finish the AAC stream");
        writePackets();
    }

    private void drainDecoder() throws ColorizeException {
        while (true) {
            int r = avcodec_receive_frame(decoder, decoded);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF) {
                return;
            }
            Ffmpeg.check(r, "Cannot decode audio stream " + src.index() + " of " + file);
            if (nextPts == AV_NOPTS_VALUE) {
                long t = decoded.best_effort_timestamp() != AV_NOPTS_VALUE ? decoded.best_effort_timestamp() : decoded.pts();
                nextPts = t == AV_NOPTS_VALUE ? 0 : av_rescale_q(t, src.time_base(), encoder.time_base());
            }
            converted.format(AV_SAMPLE_FMT_FLTP);
            converted.sample_rate(encoder.sample_rate());
            av_channel_layout_copy(converted.ch_layout(), encoder.ch_layout());
            Ffmpeg.check(swr_convert_frame(swr, converted, decoded), "Cannot convert the audio samples");
            Ffmpeg.check(av_audio_fifo_write(fifo, converted.extended_data(), converted.nb_samples()),
                    "No memory for the audio samples");
            av_frame_unref(converted);
            av_frame_unref(decoded);
        }
    }

    /** Encodes whole encoder frames from the FIFO (and, at the end, the last partial one). */
    private void encodeFull(boolean last) throws ColorizeException {
        int size = encoder.frame_size() > 0 ? encoder.frame_size() : 1024;
        while (av_audio_fifo_size(fifo) >= size || (last && av_audio_fifo_size(fifo) > 0)) {
            int n = Math.min(size, av_audio_fifo_size(fifo));
            AVFrame frame = av_frame_alloc();
            try {
                frame.nb_samples(n);
                frame.format(AV_SAMPLE_FMT_FLTP);
                frame.sample_rate(encoder.sample_rate());
                av_channel_layout_copy(frame.ch_layout(), encoder.ch_layout());
                Ffmpeg.check(av_frame_get_buffer(frame, 0), "No memory for the audio samples");
                av_audio_fifo_read(fifo, frame.extended_data(), n);
                frame.pts(nextPts);
                nextPts += n;
                Ffmpeg.check(avcodec_send_frame(encoder, frame), "The AAC encoder refused the audio");
            } finally {
                av_frame_free(frame);
            }
            writePackets();
        }
    }

    private void writePackets() throws ColorizeException {
        while (true) {
            int r = avcodec_receive_packet(encoder, packet);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF) {
                return;
            }
            Ffmpeg.check(r, "The AAC encoder failed");
            av_packet_rescale_ts(packet, encoder.time_base(), dst.time_base());
            packet.stream_index(dst.index());
            Ffmpeg.check(av_interleaved_write_frame(out, packet), "Cannot write the audio of " + file);
        }
    }

    @Override
    public void close() {
        if (decoder != null) {
            avcodec_free_context(decoder);
        }
        if (encoder != null) {
            avcodec_free_context(encoder);
        }
        if (swr != null) {
            swr_free(swr);
        }
        if (fifo != null) {
            av_audio_fifo_free(fifo);
        }
        av_frame_free(decoded);
        av_frame_free(converted);
        av_packet_free(packet);
    }
}
