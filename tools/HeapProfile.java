// Runs one headless command in this JVM and reports its heap: the largest heap in use (sampled every
// 20 ms, garbage included), the old generation's peak, and, with -Dlive=SECONDS, the largest live heap:
// every SECONDS a full collection (System.gc()) and then the heap in use, i.e. what the run really
// holds. With wall and CPU time. For the memory figures of long videos (issue #12).
// Usage (from the repository root, after packaging):
//   java -Xmx1g -cp target/Colorize_Video-0.1.0-SNAPSHOT-all.jar tools/HeapProfile.java "Colorize Video" "input='…',output='…'"
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import org.colorizevideo.cli.HeadlessLauncher;

public class HeapProfile {
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        System.setProperty("ai.djl.offline", "true");
        long[] peakUsed = {0};
        Thread sampler = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peakUsed[0] = Math.max(peakUsed[0], rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long[] peakLive = {0};
        double liveEvery = Double.parseDouble(System.getProperty("live", "0"));
        Thread gc = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (liveEvery > 0 && !Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep((long) (liveEvery * 1000));
                } catch (InterruptedException e) {
                    return;
                }
                System.gc();
                peakLive[0] = Math.max(peakLive[0], rt.totalMemory() - rt.freeMemory());
            }
        });
        gc.setDaemon(true);
        gc.start();
        long t0 = System.nanoTime();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        int status = new HeadlessLauncher().run("--headless", "--run", args[0], args[1]);
        double wall = (System.nanoTime() - t0) / 1e9, cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        sampler.interrupt();
        gc.interrupt();
        long liveAfterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                liveAfterGc += pool.getCollectionUsage().getUsed();
            }
        }
        long maxOld = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old")) {
                maxOld = pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "status %d, wall %.1f s, CPU %.1f s, heap: peak in use %.0f MB, old generation peak %.0f MB, "
                + "live after the last GC %.0f MB, %s, max heap %.0f MB%n", status, wall, cpu, peakUsed[0] / 1e6, maxOld / 1e6,
                liveAfterGc / 1e6, liveEvery > 0 ? String.format(Locale.ROOT, "peak live (full GC every %.0f s) %.0f MB", liveEvery,
                peakLive[0] / 1e6) : "live not sampled", Runtime.getRuntime().maxMemory() / 1e6);
        System.exit(status);
    }
}
