package org.colorizevideo.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes one file so that readers see either the old file or the complete new one: into a hidden
 * temporary file in the same folder, then an atomic rename over the target. (Whole result folders go
 * through {@link AtomicOutput}.)
 */
public final class AtomicFiles {

    /** Writes the content into the given temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void replace(Path target, Content content) throws IOException {
        String name = target.getFileName().toString();
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + name, ".partial");
        try {
            content.writeTo(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
