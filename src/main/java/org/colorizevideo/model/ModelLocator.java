package org.colorizevideo.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.colorizevideo.ColorizeException;
import org.colorizevideo.io.AtomicFiles;

/**
 * Finds a model by name or path. A name is looked up as {@code <dir>/<name>.onnx} + {@code .json} in,
 * in order: the folder in system property {@code colorize.models}, {@code ./models}, Fiji's
 * {@code models/} folder (next to {@code ij.dir}), and last the models bundled inside the plugin jar
 * (extracted once into the temporary folder).
 */
public final class ModelLocator {

    /** The model trained by this project and bundled with the plugin as the default (models/compact-lab-v2.md). */
    public static final String DEFAULT_MODEL = "compact-lab-v2";
    /** The earlier default, bundled too, so that runs and figures made with it can be repeated. */
    public static final String EARLIER_MODEL = "compact-lab-v1";
    /**
     * The hint model trained by this project and bundled with the plugin (models/compact-hints.md): the default
     * model's network with a hint adapter, so without hints its logits are exactly {@link #DEFAULT_MODEL}'s (its
     * manifest runs them at short side 224, T = 0.6, no chroma gain; the default's at 96, T = 1, gain 2).
     */
    public static final String HINT_MODEL = "compact-hints-v1";

    private final List<Path> searchDirs;

    public ModelLocator(List<Path> searchDirs) {
        this.searchDirs = List.copyOf(searchDirs);
    }

    public static ModelLocator standard() {
        List<Path> dirs = new ArrayList<>();
        String prop = System.getProperty("colorize.models");
        if (prop != null && !prop.isBlank()) {
            dirs.add(Paths.get(prop));
        }
        dirs.add(Paths.get("models"));
        String ijDir = System.getProperty("ij.dir");
        if (ijDir != null) {
            dirs.add(Paths.get(ijDir, "models"));
        }
        return new ModelLocator(dirs);
    }

    public ModelFiles locate(String nameOrPath) throws ColorizeException {
        String spec = nameOrPath == null || nameOrPath.isBlank() ? DEFAULT_MODEL : nameOrPath.trim();
        if (spec.endsWith(".onnx") || spec.endsWith(".json") || spec.contains("/") || spec.contains("\\")) {
            return fromPath(Paths.get(spec));
        }
        for (Path dir : searchDirs) {
            Path onnx = dir.resolve(spec + ".onnx");
            if (Files.isRegularFile(onnx)) {
                return fromPath(onnx);
            }
        }
        ModelFiles bundled = extractBundled(spec);
        if (bundled != null) {
            return bundled;
        }
        throw new ColorizeException("No model named '" + spec + "' was found in " + searchDirs
                + " or inside the plugin. Give model=<path to .onnx> or put " + spec + ".onnx and " + spec
                + ".json into one of those folders.");
    }

    /**
     * Finds a model file that is not a plain colorizer (a detector's .onnx, an instance-aware model's
     * .json): a path is taken as it is, a name is looked up as {@code <dir>/<name><suffix>} in the same
     * folders as {@link #locate}. {@code what} names the kind of model in the error.
     */
    public Path locateFile(String nameOrPath, String suffix, String what) throws ColorizeException {
        String spec = nameOrPath.trim();
        if (spec.endsWith(suffix) || spec.contains("/") || spec.contains("\\")) {
            Path p = Paths.get(spec);
            if (!Files.isRegularFile(p)) {
                throw new ColorizeException("The " + what + " file " + p + " does not exist.");
            }
            return p;
        }
        for (Path dir : searchDirs) {
            Path p = dir.resolve(spec + suffix);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ColorizeException("No " + what + " named '" + spec + "' was found in " + searchDirs + ". Give the path to its "
                + suffix + " file, or put " + spec + suffix + " (with the files it names) into one of those folders.");
    }

    /**
     * Like {@link #locateFile} for a model of several files (a manifest {@code <name>.json} and its
     * graphs {@code <name><part>} next to it): found in the folders, or else unpacked from the plugin's
     * bundled models, all files together, into a temporary folder. Returns the manifest's path.
     */
    public Path locateBundle(String nameOrPath, String what, String... parts) throws ColorizeException {
        String spec = nameOrPath.trim();
        boolean isPath = spec.endsWith(".json") || spec.contains("/") || spec.contains("\\");
        if (!isPath && searchDirs.stream().noneMatch(d -> Files.isRegularFile(d.resolve(spec + ".json")))) {
            Path bundled = extractBundledFiles(spec, parts);
            if (bundled != null) {
                return bundled;
            }
        }
        return locateFile(spec, ".json", what);
    }

    private static Path extractBundledFiles(String name, String... parts) throws ColorizeException {
        List<String> files = new ArrayList<>();
        files.add(name + ".json");
        for (String part : parts) {
            files.add(name + part);
        }
        List<byte[]> data = new ArrayList<>();
        try {
            for (String f : files) {
                try (InputStream in = ModelLocator.class.getResourceAsStream("/models/" + f)) {
                    if (in == null) {
                        return null;
                    }
                    data.add(in.readAllBytes());
                }
            }
            int hash = 0;
            for (byte[] d : data) {
                hash = 31 * hash + java.util.Arrays.hashCode(d);
            }
            Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "colorize-video-models", name + "-" + Integer.toHexString(hash));
            Files.createDirectories(dir);
            for (int i = 0; i < files.size(); i++) {
                writeIfAbsent(dir.resolve(files.get(i)), data.get(i));
            }
            return dir.resolve(files.get(0));
        } catch (IOException e) {
            throw new ColorizeException("The bundled model '" + name + "' could not be unpacked to the temporary folder: "
                    + e.getMessage(), e);
        }
    }

    private static ModelFiles fromPath(Path path) throws ColorizeException {
        String file = path.getFileName().toString();
        String base = file.replaceFirst("\\.(onnx|json)$", "");
        Path onnx = path.resolveSibling(base + ".onnx");
        Path manifest = path.resolveSibling(base + ".json");
        if (!Files.isRegularFile(onnx)) {
            throw new ColorizeException("The model file " + onnx + " does not exist.");
        }
        if (!Files.isRegularFile(manifest)) {
            throw new ColorizeException("The model " + onnx + " has no manifest: " + manifest
                    + " is missing. Every model needs a JSON manifest that says what its graph expects (see models/README.md).");
        }
        return new ModelFiles(base, onnx, manifest);
    }

    private static ModelFiles extractBundled(String name) throws ColorizeException {
        try (InputStream onnx = ModelLocator.class.getResourceAsStream("/models/" + name + ".onnx");
             InputStream json = ModelLocator.class.getResourceAsStream("/models/" + name + ".json")) {
            if (onnx == null || json == null) {
                return null;
            }
            byte[] graph = onnx.readAllBytes();
            byte[] manifest = json.readAllBytes();
            Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "colorize-video-models",
                    name + "-" + Integer.toHexString(java.util.Arrays.hashCode(graph)));
            Files.createDirectories(dir);
            writeIfAbsent(dir.resolve(name + ".onnx"), graph);
            writeIfAbsent(dir.resolve(name + ".json"), manifest);
            return new ModelFiles(name, dir.resolve(name + ".onnx"), dir.resolve(name + ".json"));
        } catch (IOException e) {
            throw new ColorizeException("The bundled model '" + name + "' could not be unpacked to the temporary folder: "
                    + e.getMessage(), e);
        }
    }

    private static void writeIfAbsent(Path target, byte[] data) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == data.length) {
            return;
        }
        AtomicFiles.replace(target, tmp -> Files.write(tmp, data));
    }

    /**
     * The names of the models of one kind that {@link #locate} or {@link #locateBundle} would find: the
     * {@code bundled} names first (they are always there), then every {@code <name>.json} in the search
     * folders whose manifest declares {@code format} (e.g. {@code colorize-video-model/1}). For the
     * dialogs' model lists; unreadable files are skipped.
     */
    public List<String> names(String format, String... bundled) {
        return names(format, text -> true, bundled);
    }

    /** As {@link #names(String, String...)}, only manifests whose text passes {@code accept}. */
    public List<String> names(String format, java.util.function.Predicate<String> accept, String... bundled) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(List.of(bundled));
        java.util.regex.Pattern declares = java.util.regex.Pattern.compile(
                "\"format\"\\s*:\\s*\"" + java.util.regex.Pattern.quote(format) + "\"");
        for (Path dir : searchDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().forEach(f -> {
                    try {
                        String text = Files.size(f) < 1 << 20 ? Files.readString(f) : "";
                        if (declares.matcher(text).find() && accept.test(text)) {
                            out.add(f.getFileName().toString().replaceFirst("\\.json$", ""));
                        }
                    } catch (IOException | RuntimeException e) {
                        // not a manifest we can read: not offered
                    }
                });
            } catch (IOException e) {
                // an unreadable folder offers nothing
            }
        }
        return new ArrayList<>(out);
    }
}
