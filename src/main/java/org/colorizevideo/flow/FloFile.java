package org.colorizevideo.flow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Middlebury {@code .flo} files: little-endian float32 tag {@code 202021.25}, int32 width, int32
 * height, then {@code width * height} pairs {@code (u, v)} of float32 in row-major order.
 */
public final class FloFile {

    public static final float TAG = 202021.25f;

    private FloFile() {
    }

    public static FlowField read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12) {
            throw new IOException(file + " is too short for a .flo file");
        }
        float tag = b.getFloat();
        if (tag != TAG) {
            throw new IOException(file + " is not a Middlebury .flo file (tag " + tag + ")");
        }
        int w = b.getInt();
        int h = b.getInt();
        if (w <= 0 || h <= 0 || w > 1 << 15 || h > 1 << 15) {
            throw new IOException(file + ": implausible size " + w + "x" + h);
        }
        long need = 8L * w * h;
        if (b.remaining() < need) {
            throw new IOException(file + ": expected " + need + " bytes of flow for " + w + "x" + h + ", found " + b.remaining());
        }
        float[] u = new float[w * h];
        float[] v = new float[w * h];
        for (int i = 0; i < u.length; i++) {
            u[i] = b.getFloat();
            v[i] = b.getFloat();
        }
        return new FlowField(w, h, u, v);
    }

    public static void write(FlowField flow, Path file) throws IOException {
        int n = flow.width() * flow.height();
        ByteBuffer b = ByteBuffer.allocate(12 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(TAG).putInt(flow.width()).putInt(flow.height());
        for (int i = 0; i < n; i++) {
            b.putFloat(flow.u()[i]).putFloat(flow.v()[i]);
        }
        Files.write(file, b.array());
    }
}
