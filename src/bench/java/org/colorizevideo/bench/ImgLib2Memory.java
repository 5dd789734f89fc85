package org.colorizevideo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.position.FunctionRandomAccessible;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;
import org.colorizevideo.imglib2.Colorizer;

/**
 * The ImgLib2 API on a virtual clip (issue #14, acceptance 3): an XYT image whose pixels are computed
 * when read (a moving pattern, nothing stored) of 854x480 frames, colorized with the bundled default
 * model into a streaming consumer that keeps nothing. Prints frames, wall and CPU seconds, and the peak
 * heap (old generation and all pools) for each frame count, e.g. 100 and 1,000: a flat peak means the
 * heap does not grow with the clip. Run with a small heap to make growth fail loudly:
 *
 * <pre>java -Xmx256m -cp target/…-all.jar org.colorizevideo.bench.ImgLib2Memory 100,1000</pre>
 */
public final class ImgLib2Memory {

    private ImgLib2Memory() {
    }

    public static void main(String[] args) throws Exception {
        for (String n : (args.length > 0 ? args[0] : "100,1000").split(",")) {
            run(Integer.parseInt(n.trim()));
        }
    }

    private static void run(int frames) throws Exception {
        int w = 854, h = 480;
        FunctionRandomAccessible<UnsignedByteType> pattern = new FunctionRandomAccessible<>(3, (pos, out) -> {
            long x = pos.getLongPosition(0), y = pos.getLongPosition(1), t = pos.getLongPosition(2);
            out.set((int) ((x + 3 * t) * 255 / (w + 3 * frames) + ((y / 40 + t / 10) % 2) * 40) & 0xff);
        }, UnsignedByteType::new);
        RandomAccessibleInterval<UnsignedByteType> clip = Views.interval(pattern, new FinalInterval(w, h, frames));
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long cpu0 = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
        long t0 = System.nanoTime();
        long[] seen = new long[1];
        Colorizer.automatic().colorize(clip, (t, frame) -> seen[0]++);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime()
                - cpu0) / 1e9;
        long peak = 0, old = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
                if (pool.getName().contains("Old")) {
                    old = pool.getPeakUsage().getUsed();
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d frames (%d delivered) %dx%d: %.1f s wall, %.1f s CPU (%.3f s/frame); peak heap %.1f MiB"
                + " (old generation %.1f MiB), max heap %.0f MiB%n", frames, seen[0], w, h, wall, cpu, wall / frames,
                peak / 1048576.0, old / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    }
}
