package org.colorizevideo.colorize;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.colorizevideo.ColorizeException;

/**
 * Hands frames to another sink on one background thread, so that encoding and writing (PNG deflate)
 * overlap with the next batch's inference. At most {@code capacity} frames wait in the queue, so
 * memory stays bounded; an error of the writer surfaces at the next put or at commit.
 */
public final class BackgroundSink implements FrameSink {

    private record Frame(int index, int[] rgb, int width, int height) {
    }

    private static final Frame END = new Frame(-1, null, 0, 0);

    private final FrameSink target;
    private final BlockingQueue<Frame> queue;
    private final ExecutorService thread;
    private final Future<?> writer;
    private volatile boolean stopped;

    public BackgroundSink(FrameSink target, int capacity) {
        this.target = target;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "colorize-writer");
            t.setDaemon(true);
            return t;
        });
        this.writer = thread.submit(() -> {
            while (true) {
                Frame f = queue.take();
                if (f == END || stopped) {
                    return null;
                }
                target.put(f.index, f.rgb, f.width, f.height);
            }
        });
    }

    @Override
    public void put(int index, int[] rgb, int width, int height) throws ColorizeException {
        failIfWriterFailed();
        try {
            while (!queue.offer(new Frame(index, rgb, width, height), 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                failIfWriterFailed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ColorizeException("Interrupted while writing frame " + (index + 1) + ".", e);
        }
    }

    private void failIfWriterFailed() throws ColorizeException {
        if (writer.isDone()) {
            finish();
            throw new ColorizeException("The writer stopped before all frames were written.");
        }
    }

    /** Waits for the queue to drain; rethrows the writer's error. */
    private void finish() throws ColorizeException {
        try {
            writer.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ColorizeException ce) {
                throw ce;
            }
            throw new ColorizeException("Writing the result failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ColorizeException("Interrupted while writing the result.", e);
        } finally {
            thread.shutdown();
        }
    }

    @Override
    public void commit() throws ColorizeException {
        try {
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ColorizeException("Interrupted while writing the result.", e);
        }
        finish();
        target.commit();
    }

    @Override
    public void abort() {
        stopped = true;
        queue.clear();
        queue.offer(END);
        try {
            writer.get();
        } catch (Exception ignored) {
            // the target is aborted below either way
        } finally {
            thread.shutdown();
        }
        target.abort();
    }
}
