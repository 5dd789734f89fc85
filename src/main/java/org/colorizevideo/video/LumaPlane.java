package org.colorizevideo.video;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV21;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV410P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.color.FastLab;
import org.colorizevideo.color.Lab;

/**
 * L* from the luma plane of a decoded frame, and how far its chroma is from gray. 8-bit planar YUV
 * and gray frames are read as they are; any other pixel format (10-bit, RGB, packed) is first converted
 * by swscale to 8-bit 4:4:4 YUV at video range. Luma is mapped to a gray level with the frame's range
 * (video range 16..235, full range 0..255) and then to L* as a neutral sRGB gray.
 */
final class LumaPlane implements AutoCloseable {

    /**
     * Mean chroma distance from gray, |U-128| + |V-128| in 8-bit levels, above which a frame counts as
     * colour. A black-and-white film encoded as YUV has 0 (H.264 keeps flat chroma exactly) to about 2
     * (noise from a colour camera or a lossy transfer); a colour film has tens.
     */
    static final double GRAY_TOLERANCE = 6.0;

    private static final float[] VIDEO_RANGE = new float[256];

    static {
        for (int y = 0; y < 256; y++) {
            VIDEO_RANGE[y] = (float) Lab.grayToL(Math.min(1.0, Math.max(0.0, (y - 16) / 219.0)));
        }
    }

    private final int width, height;
    private SwsContext sws, rgbSws;
    private IntPointer rgbBuffer, rgbStrides;
    private PointerPointer<IntPointer> rgbPlanes;
    private AVFrame converted;

    LumaPlane(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** Fills l with the frame's L*; returns its mean chroma distance from gray (0 for gray frames). */
    double toL(AVFrame f, float[] l, Path file, int index) throws ColorizeException {
        if (f.width() != width || f.height() != height) {
            throw new ColorizeException("Frame " + (index + 1) + " of " + file + " is " + f.width() + "x" + f.height()
                    + " but the video stream is " + width + "x" + height + "; videos whose frame size changes are not "
                    + "supported (re-encode it at one size).");
        }
        int format = f.format();
        boolean full;
        AVFrame src = f;
        if (isPlanar8(format) || format == AV_PIX_FMT_NV12 || format == AV_PIX_FMT_NV21) {
            full = fullRange(f);
        } else {
            src = convert(f, file);
            full = false;
            format = AV_PIX_FMT_YUV444P;
        }
        BytePointer y = src.data(0);
        int stride = src.linesize(0);
        byte[] row = new byte[width];
        for (int r = 0; r < height; r++) {
            y.position((long) r * stride).get(row, 0, width);
            int o = r * width;
            for (int x = 0; x < width; x++) {
                int v = row[x] & 0xff;
                l[o + x] = full ? FastLab.grayToL(v) : VIDEO_RANGE[v];
            }
        }
        y.position(0);
        return format == AV_PIX_FMT_GRAY8 ? 0 : chroma(src, format);
    }

    /** Full range (0..255) as the frame says; where it says nothing, by its format (yuvj*, gray). */
    private static boolean fullRange(AVFrame f) {
        int format = f.format();
        return f.color_range() == AVCOL_RANGE_JPEG || (f.color_range() != AVCOL_RANGE_MPEG
                && (format == AV_PIX_FMT_GRAY8 || format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P
                || format == AV_PIX_FMT_YUVJ444P || format == AV_PIX_FMT_YUVJ440P));
    }

    private static boolean isPlanar8(int format) {
        return format == AV_PIX_FMT_GRAY8 || format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P
                || format == AV_PIX_FMT_YUV422P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUV444P
                || format == AV_PIX_FMT_YUVJ444P || format == AV_PIX_FMT_YUV440P || format == AV_PIX_FMT_YUVJ440P
                || format == AV_PIX_FMT_YUV411P || format == AV_PIX_FMT_YUV410P;
    }

    /** Mean |U-128| + |V-128| over the chroma samples. */
    private static double chroma(AVFrame f, int format) {
        int cw, ch;
        boolean interleaved = format == AV_PIX_FMT_NV12 || format == AV_PIX_FMT_NV21;
        int w = f.width(), h = f.height();
        if (format == AV_PIX_FMT_YUV444P || format == AV_PIX_FMT_YUVJ444P) {
            cw = w; ch = h;
        } else if (format == AV_PIX_FMT_YUV422P || format == AV_PIX_FMT_YUVJ422P) {
            cw = (w + 1) / 2; ch = h;
        } else if (format == AV_PIX_FMT_YUV440P || format == AV_PIX_FMT_YUVJ440P) {
            cw = w; ch = (h + 1) / 2;
        } else if (format == AV_PIX_FMT_YUV411P) {
            cw = (w + 3) / 4; ch = h;
        } else if (format == AV_PIX_FMT_YUV410P) {
            cw = (w + 3) / 4; ch = (h + 3) / 4;
        } else {
            cw = (w + 1) / 2; ch = (h + 1) / 2;
        }
        long sum = 0;
        if (interleaved) {
            byte[] row = new byte[2 * cw];
            BytePointer uv = f.data(1);
            for (int r = 0; r < ch; r++) {
                uv.position((long) r * f.linesize(1)).get(row, 0, row.length);
                for (int x = 0; x < row.length; x++) {
                    sum += Math.abs((row[x] & 0xff) - 128);
                }
            }
            uv.position(0);
        } else {
            byte[] row = new byte[cw];
            for (int plane = 1; plane <= 2; plane++) {
                BytePointer p = f.data(plane);
                for (int r = 0; r < ch; r++) {
                    p.position((long) r * f.linesize(plane)).get(row, 0, cw);
                    for (int x = 0; x < cw; x++) {
                        sum += Math.abs((row[x] & 0xff) - 128);
                    }
                }
                p.position(0);
            }
        }
        return (double) sum / ((long) cw * ch);
    }

    private AVFrame convert(AVFrame f, Path file) throws ColorizeException {
        if (converted == null) {
            converted = av_frame_alloc();
            converted.format(AV_PIX_FMT_YUV444P);
            converted.width(width);
            converted.height(height);
            Ffmpeg.check(av_frame_get_buffer(converted, 0), "No memory for a frame of " + file);
        }
        sws = sws_getCachedContext(sws, width, height, f.format(), width, height, AV_PIX_FMT_YUV444P, SWS_BILINEAR,
                null, null, (DoublePointer) null);
        if (sws == null) {
            throw new ColorizeException("The pixel format of " + file + " (" + f.format() + ") cannot be converted to "
                    + "gray by this FFmpeg build; convert the video to 8-bit YUV (yuv420p) first.");
        }
        sws_scale(sws, f.data(), f.linesize(), 0, height, converted.data(), converted.linesize());
        return converted;
    }

    /** The frame as packed sRGB (0xRRGGBB): swscale to BGR0 with the frame's matrix and range. */
    int[] toRgb(AVFrame f, Path file) throws ColorizeException {
        if (f.width() != width || f.height() != height) {
            throw new ColorizeException("A frame of " + file + " is " + f.width() + "x" + f.height() + " but the video "
                    + "stream is " + width + "x" + height + "; videos whose frame size changes are not supported.");
        }
        rgbSws = sws_getCachedContext(rgbSws, width, height, f.format(), width, height, AV_PIX_FMT_BGR0,
                SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, null, null, (DoublePointer) null);
        if (rgbSws == null) {
            throw new ColorizeException("The pixel format of " + file + " (" + f.format() + ") cannot be converted to "
                    + "RGB by this FFmpeg build.");
        }
        int space = f.colorspace();
        boolean bt709 = space == AVCOL_SPC_BT709 || (space == AVCOL_SPC_UNSPECIFIED && height >= 720);
        IntPointer table = sws_getCoefficients(bt709 ? SWS_CS_ITU709 : SWS_CS_ITU601);
        boolean full = f.color_range() == AVCOL_RANGE_JPEG || (fullRange(f) && f.format() != AV_PIX_FMT_GRAY8);
        sws_setColorspaceDetails(rgbSws, table, full ? 1 : 0, table, 1, 0, 1 << 16, 1 << 16);
        if (rgbBuffer == null) {
            rgbBuffer = new IntPointer((long) width * height);
            rgbPlanes = new PointerPointer<>(rgbBuffer, null, null, null);
            rgbStrides = new IntPointer(4 * width, 0, 0, 0);
        }
        sws_scale(rgbSws, f.data(), f.linesize(), 0, height, rgbPlanes, rgbStrides);
        int[] rgb = new int[width * height];
        rgbBuffer.position(0).get(rgb);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xffffff;
        }
        return rgb;
    }

    @Override
    public void close() {
        if (rgbSws != null) {
            sws_freeContext(rgbSws);
            rgbSws = null;
        }
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (converted != null) {
            av_frame_free(converted);
            converted = null;
        }
    }
}
