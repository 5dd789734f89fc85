package org.colorizevideo.cli;

import java.util.concurrent.atomic.AtomicReference;
import org.scijava.Context;
import org.scijava.console.ConsoleService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.module.event.ModuleCanceledEvent;
import org.scijava.module.event.ModuleErroredEvent;
import org.scijava.module.event.ModuleFinishedEvent;
import org.scijava.startup.StartupService;

/**
 * Runs commands outside Fiji the way Fiji's launcher does: a SciJava Context, the console arguments
 * ({@code --headless --run "Colorize Video" "input='…',output='…'"}) handed to ConsoleService, and the
 * queued operations executed by StartupService. Exit status 0 on success, 1 when a command failed,
 * 2 for bad arguments (a key the command does not have or a value of the wrong type is named in one
 * sentence by {@link ArgumentCheck} before anything runs).
 */
public final class HeadlessLauncher {

    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean finished;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true"); // ONNX Runtime ships its natives; never download
        }
        System.exit(new HeadlessLauncher().run(args));
    }

    /** Runs the arguments in a fresh context; returns the exit status. */
    public int run(String... args) {
        int run = java.util.Arrays.asList(args).indexOf("--run");
        if (run < 0 || run + 1 >= args.length) {
            System.err.println("usage: java -jar Colorize_Video-all.jar --headless --run \"Colorize Video\" "
                    + "\"input='in.tif',output='outdir'[,model='…',temperature=0.38,device='auto',batch=4,overwrite=true]\"\n"
                    + "   or: java -jar Colorize_Video-all.jar --headless --run \"Colorize Measure\" "
                    + "\"result='colour/',output='metrics/'[,reference='truth/',input='gray/',flow='dis-medium',lpips='lpips.onnx']\"");
            System.err.println("   or: java -jar Colorize_Video-all.jar --headless --run \"Colorize Temporal Refinement\" "
                    + "\"input='gray',processed='colour',output='outdir'[,mode='fast',epochs=25,irt=true]\"");
            System.err.println("   or: java -jar Colorize_Video-all.jar --headless --run \"Colorize Keyframe\" "
                    + "\"input='gray',frame=12,hints='hints.zip',model='…',output='keyframes'[,hint_size=3,overwrite=true]\"");
            return 2;
        }
        try (Context context = new Context()) {
            String parameters = run + 2 < args.length ? args[run + 2] : null;
            java.util.Optional<String> problem = new ArgumentCheck(context).problem(args[run + 1], parameters);
            if (problem.isPresent()) {
                System.err.println(args[run + 1] + " was not run: " + problem.get());
                return 2;
            }
            context.service(EventService.class).subscribe(this);
            context.service(ConsoleService.class).processArgs(args);
            context.service(StartupService.class).executeOperations();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
        Throwable t = failure.get();
        if (t != null) {
            System.err.println(args[run + 1] + " failed: " + rootMessage(t));
            if (!(t instanceof IllegalStateException)) {
                t.printStackTrace(); // a bug rather than a user error: keep the trace
            }
            return 1;
        }
        if (!finished) {
            String command = args[run + 1];
            System.err.println("No command named '" + command + "' was run; use --run \"Colorize Video\", \"Colorize Measure\", "
                    + "\"Colorize Temporal Refinement\" or \"Colorize Keyframe\" (or the command's class name) followed by \"key=value,...\".");
            return 2;
        }
        return 0;
    }

    @EventHandler
    private void onError(ModuleErroredEvent event) {
        failure.compareAndSet(null, event.getException());
    }

    @EventHandler
    private void onCanceled(ModuleCanceledEvent event) {
        failure.compareAndSet(null, new IllegalStateException(event.getReason()));
    }

    @EventHandler
    private void onFinished(ModuleFinishedEvent event) {
        finished = true;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage();
    }
}
