package dev.grove.server;

import dev.grove.InvalidDataException;
import dev.grove.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The one folder training requests may read datasets from. A name is resolved inside it; {@code ../}
 * that climbs out, an absolute path elsewhere and a symbolic link (the file or any folder on the
 * way) that leads out are all refused with 403, so a caller with the token still cannot make the
 * server read arbitrary files. Checked when a request is accepted and again when its training
 * starts, on the real path, so a link swapped in meanwhile is caught too.
 */
final class DataFolder {
    private final Path root;

    private DataFolder(Path root) {
        this.root = root;
    }

    /** The folder, which must exist; its real path (links resolved) is the boundary. */
    static DataFolder of(Path dir) {
        try {
            return new DataFolder(dir.toAbsolutePath().toRealPath());
        } catch (IOException e) {
            throw new InvalidRequestException("data folder " + dir.toAbsolutePath() + " does not exist or cannot be read ("
                    + e.getMessage() + "); create it or choose another --data-dir");
        }
    }

    Path root() {
        return root;
    }

    /**
     * The real path of the regular file {@code name} names inside the folder.
     *
     * @throws ApiException 403 when it is outside the folder or leads out of it, 400 when it is no path
     * @throws InvalidDataException (422) when no such file is in the folder, or it is not a regular file
     */
    Path resolve(String name) {
        if (name == null || name.isBlank()) {
            throw new ApiException(400, "'dataset' is required: the path of a CSV file inside the data folder");
        }
        Path asked;
        try {
            asked = Path.of(name.trim());
        } catch (InvalidPathException e) {
            throw new ApiException(400, "dataset '" + name + "' is not a valid path: " + e.getReason());
        }
        Path candidate = (asked.isAbsolute() ? asked : root.resolve(asked)).normalize();
        if (!candidate.startsWith(root)) {
            throw outside(name, "is outside the data folder");
        }
        if (!Files.exists(candidate)) { // follows links: a dangling one is "no such file" too
            throw new InvalidDataException("dataset '" + name + "' is not in the data folder; the paths of datasets are "
                    + "relative to it (GET /api/datasets lists them)");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new InvalidDataException("dataset '" + name + "' cannot be read: " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            throw outside(name, "leads out of the data folder through a symbolic link");
        }
        if (!Files.isRegularFile(real)) {
            throw new InvalidDataException("dataset '" + name + "' is not a file; name a CSV file in the data folder");
        }
        return real;
    }

    /** The CSV files in the folder (three levels deep at most), as the paths a training request names them by. */
    java.util.List<java.util.Map<String, Object>> list(int max) {
        java.util.List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(root, 3)) { // walk does not follow links
            files.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))
                    .sorted().limit(max).forEach(p -> {
                        try {
                            Path real = p.toRealPath();
                            if (real.startsWith(root) && Files.isRegularFile(real)) {
                                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                                m.put("path", root.relativize(p).toString());
                                m.put("bytes", Files.size(real));
                                m.put("modified", Files.getLastModifiedTime(real).toInstant().toString());
                                out.add(m);
                            }
                        } catch (IOException e) {
                            // vanished or unreadable meanwhile: not offered
                        }
                    });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidDataException("cannot list the data folder: " + e.getMessage());
        }
        return out;
    }

    private ApiException outside(String name, String why) {
        return new ApiException(403, "dataset '" + name + "' " + why + "; the server reads datasets only from its data "
                + "folder (--data-dir)");
    }
}
