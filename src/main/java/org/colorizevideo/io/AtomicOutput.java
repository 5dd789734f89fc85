package org.colorizevideo.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.colorizevideo.ColorizeException;

/**
 * An output folder that appears all at once: results are written into a hidden sibling folder and
 * moved into place on commit. An existing output folder is never touched unless overwrite is set,
 * and then only after the new result is complete.
 */
public final class AtomicOutput {

    private final Path target;
    private final boolean overwrite;
    private final Path staging;

    public AtomicOutput(Path target, boolean overwrite, Path input) throws ColorizeException {
        this.target = target.toAbsolutePath().normalize();
        this.overwrite = overwrite;
        checkOverlap(target, input);
        if (Files.exists(this.target) && !overwrite && !isEmptyFolder(this.target)) {
            throw new ColorizeException("The output folder " + target + " already exists; choose another output, "
                    + "or set overwrite=true to replace it.");
        }
        if (Files.exists(this.target) && !Files.isDirectory(this.target)) {
            throw new ColorizeException("The output " + target + " is a file; output must be a folder.");
        }
        try {
            Path parent = this.target.getParent();
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + this.target.getFileName() + ".partial-");
        } catch (IOException e) {
            throw new ColorizeException("Cannot create the output folder next to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Refuses an output folder that is, contains or lies inside the input (null input: nothing to check). */
    public static void checkOverlap(Path target, Path input) throws ColorizeException {
        if (input == null) {
            return;
        }
        Path t = target.toAbsolutePath().normalize();
        Path in = input.toAbsolutePath().normalize();
        if (t.equals(in) || (Files.isDirectory(in) && t.startsWith(in)) || in.startsWith(t)) {
            throw new ColorizeException("The output " + target + " overlaps the input " + input
                    + "; choose an output folder outside the input so that the input stays untouched.");
        }
    }

    /** Where files are written before commit. */
    public Path staging() {
        return staging;
    }

    public Path target() {
        return target;
    }

    public void commit() throws ColorizeException {
        try {
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
                Files.delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new ColorizeException("The result could not be moved into " + target + ": " + e.getMessage()
                    + ". The finished frames are in " + staging + ".", e);
        }
    }

    public void abort() {
        deleteTree(staging);
    }

    private static boolean isEmptyFolder(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a folder and everything in it, best effort (for staging and partial folders, never user data). */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover hidden .partial folder never replaces user data
        }
    }
}
