package org.colorizevideo.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import net.imagej.patcher.LegacyEnvironment;

/**
 * Runs one macro in a patched, headless ImageJ 1.x, in a JVM of its own. DJL's PyTorch engine loads
 * its native libraries from one cache folder, and a JVM lets one class loader only load a library, so
 * a macro that trains must not run in the class loader of the other tests (ONNX Runtime does not care:
 * it extracts its library afresh each time).
 */
public final class Ij1MacroMain {

    private Ij1MacroMain() {
    }

    public static void main(String[] args) throws Exception {
        LegacyEnvironment ij1 = new LegacyEnvironment(null, true);
        ij1.addPluginClasspath(FacesAgreeTest.pluginClasspath());
        ij1.runMacro(args[0], "");
        System.exit(0);
    }

    /** Runs macro in a child JVM with the test class path; returns its exit status. */
    static int runInChildJvm(String macro, Path log) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path argFile = Files.createTempFile("ij1-classpath", ".txt");
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"");
        try {
            Process p = new ProcessBuilder(javaBin, "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djava.awt.headless=true",
                    "-Dai.djl.offline=true", "-Dai.djl.onnx.disable_alternative=true", "-Dai.djl.pytorch.num_threads=1",
                    "-Xmx1g", "@" + argFile, Ij1MacroMain.class.getName(), macro)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return p.waitFor();
        } finally {
            Files.deleteIfExists(argFile);
        }
    }
}
