package dev.grove.internal;

import dev.grove.artifact.LoadedModel;
import dev.grove.artifact.ModelSidecar;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.ArtifactException;
import dev.grove.ModelIntegrityException;
import dev.grove.internal.Sha256;
import dev.grove.TrainerNotFoundException;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainerRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a model and its sidecar so that either both appear complete or neither appears, never
 * replacing an existing file; reads them back only when the bytes match the recorded SHA-256.
 */
public final class ModelArtifacts {
    /** Suffix of the temporary files a write goes through; leftovers of a killed process end with it. */
    public static final String TEMP_SUFFIX = ".grove-tmp";
    /** The sidecar provenance entry naming the training-rows file and its SHA-256. */
    public static final String TRAINING_ROWS = "training_rows";

    private static final Logger LOG = LoggerFactory.getLogger(ModelArtifacts.class);

    private ModelArtifacts() {
    }

    /** The sidecar of a model file: {@code <model file>.json}. */
    public static Path sidecarOf(Path model) {
        return model.resolveSibling(model.getFileName() + ".json");
    }

    /**
     * Fails unless a model can be written at {@code model}: its folder exists and is writable and
     * neither the model nor its sidecar exists. Called before training, so nothing is trained in vain.
     */
    public static void checkWritable(Path model) {
        if (model.getFileName() == null || model.getFileName().toString().isBlank()) {
            throw new ArtifactException("the save path is empty; give a file path for the model, e.g. models/v1.bin");
        }
        Path dir = folderOf(model);
        for (Path p : new Path[] {model, sidecarOf(model), TrainingRows.fileOf(model)}) {
            if (Files.isSymbolicLink(p)) {
                throw new ArtifactException("save path " + p + " is a symbolic link; Grove writes a model only to a new "
                        + "file of its own: choose another save path");
            }
        }
        if (Files.isDirectory(model)) {
            throw new ArtifactException("save path " + model + " is a directory; give a file path for the model");
        }
        if (!Files.isDirectory(dir)) {
            throw new ArtifactException("cannot save the model: folder " + dir + " does not exist; create it or "
                    + "choose another save path");
        }
        if (dev.grove.internal.ReadOnly.is(dir)) {
            throw new ArtifactException("cannot save the model: folder " + dir + " is not writable; fix its "
                    + "permissions or choose another save path");
        }
        for (Path p : new Path[] {model, sidecarOf(model), TrainingRows.fileOf(model)}) {
            if (Files.exists(p)) {
                throw new ArtifactException(p + " already exists; Grove never overwrites a model: choose another "
                        + "save path or model version");
            }
        }
    }

    /**
     * Writes {@code model} to {@code path} and the sidecar beside it, filling in the model's file
     * name and SHA-256. Both go through temporary files in the same folder, are flushed to disk,
     * then linked into place without replacing anything.
     *
     * @return the sidecar as written
     */
    public static ModelSidecar write(Path path, TrainedModel model, ModelSidecar sidecar) {
        return write(path, model, sidecar, Optional.empty());
    }

    /**
     * As {@link #write(Path, TrainedModel, ModelSidecar)}, with the model's training rows in a third
     * file beside it ({@link TrainingRows#fileOf}), named with its SHA-256 in the sidecar's
     * provenance under {@value #TRAINING_ROWS}.
     */
    public static ModelSidecar write(Path path, TrainedModel model, ModelSidecar sidecar, Optional<TrainingRows> rows) {
        checkWritable(path);
        Path dir = folderOf(path);
        Path modelTmp = null;
        Path sidecarTmp = null;
        Path rowsTmp = null;
        boolean modelPlaced = false;
        boolean rowsPlaced = false;
        try {
            if (rows.isPresent()) {
                rowsTmp = createTemp(dir, TrainingRows.fileOf(path));
                String rowsSha;
                try (FileChannel ch = FileChannel.open(rowsTmp, StandardOpenOption.WRITE);
                     DigestOutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(
                             Channels.newOutputStream(ch), 1 << 16), Sha256.digest())) {
                    rows.get().write(new NonClosing(out));
                    out.flush();
                    ch.force(true);
                    rowsSha = Sha256.hex(out.getMessageDigest());
                }
                Map<String, Object> provenance = new LinkedHashMap<>(sidecar.provenance());
                provenance.put(TRAINING_ROWS, Map.of("file", TrainingRows.fileOf(path).getFileName().toString(),
                        "sha256", rowsSha, "rows", rows.get().size()));
                sidecar = sidecar.withProvenance(provenance);
            }
            modelTmp = createTemp(dir, path);
            String sha;
            try (FileChannel ch = FileChannel.open(modelTmp, StandardOpenOption.WRITE);
                 DigestOutputStream out = new DigestOutputStream(Channels.newOutputStream(ch), Sha256.digest())) {
                model.write(new NonClosing(out));
                out.flush();
                ch.force(true);
                sha = Sha256.hex(out.getMessageDigest());
            }
            ModelSidecar complete = sidecar.withModel(path.getFileName().toString(), sha);
            sidecarTmp = createTemp(dir, sidecarOf(path));
            try (FileChannel ch = FileChannel.open(sidecarTmp, StandardOpenOption.WRITE)) {
                GroveJson.writer().writeValue(new NonClosing(Channels.newOutputStream(ch)), complete);
                ch.force(true);
            }
            if (rowsTmp != null) {
                place(rowsTmp, TrainingRows.fileOf(path));
                rowsPlaced = true;
            }
            place(modelTmp, path);
            modelPlaced = true;
            place(sidecarTmp, sidecarOf(path));
            return complete;
        } catch (IOException | RuntimeException e) {
            if (modelPlaced) {
                deleteQuietly(path);
            }
            if (rowsPlaced) {
                deleteQuietly(TrainingRows.fileOf(path));
            }
            if (e instanceof ArtifactException ae) {
                throw ae;
            }
            throw new ArtifactException("cannot write the model to " + path + ": " + describe(e), e);
        } finally {
            deleteQuietly(modelTmp);
            deleteQuietly(sidecarTmp);
            deleteQuietly(rowsTmp);
        }
    }

    /**
     * Reads a model and its sidecar, checks the bytes against the sidecar's SHA-256, and only then
     * hands them to the trainer named in the sidecar.
     */
    public static LoadedModel load(Path path, TrainerRegistry trainers) {
        return load(path, trainers, null, null);
    }

    /**
     * Loads the model of a recorded run: its file must match its sidecar and also the SHA-256 the
     * run store recorded when the run succeeded, so replacing both the file and its sidecar is caught.
     */
    public static LoadedModel load(TrainingRun run, TrainerRegistry trainers) {
        if (run.status() != RunStatus.SUCCEEDED || run.outcome().isEmpty()) {
            throw new ModelIntegrityException("run " + run.id() + " (version " + run.modelVersion() + ") is "
                    + run.status() + ", so it has no model; choose a SUCCEEDED run");
        }
        return load(Path.of(run.spec().modelPath()), trainers, run.outcome().get().modelSha256(),
                "run " + run.id() + " (version " + run.modelVersion() + ")");
    }

    /**
     * The rows a run's model was trained on, when they were written beside it and the file matches
     * the SHA-256 its sidecar names; empty otherwise (a model from an older Grove, or a file gone).
     */
    public static Optional<TrainingRows> trainingRows(TrainingRun run) {
        Path model = Path.of(run.spec().modelPath());
        Path file = TrainingRows.fileOf(model);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(sidecarOf(model))) {
            return Optional.empty();
        }
        try {
            ModelSidecar sidecar = GroveJson.reader(ModelSidecar.class).readValue(sidecarOf(model).toFile());
            if (!(sidecar.provenance().get(TRAINING_ROWS) instanceof Map<?, ?> entry)
                    || !(entry.get("sha256") instanceof String sha)) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            if (!Sha256.of(bytes).equalsIgnoreCase(sha)) {
                LOG.warn("{} does not match its sidecar's SHA-256; its training rows are not used", file);
                return Optional.empty();
            }
            return Optional.of(TrainingRows.read(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            LOG.warn("cannot read the training rows of {}: {}", model, describe(e));
            return Optional.empty();
        }
    }

    private static LoadedModel load(Path path, TrainerRegistry trainers, String recordedSha, String recordedBy) {
        if (!Files.isRegularFile(path)) {
            throw new ModelIntegrityException("model file " + path + " does not exist; check the path or the model version");
        }
        Path sidecarPath = sidecarOf(path);
        if (!Files.isRegularFile(sidecarPath)) {
            throw new ModelIntegrityException("model " + path + " has no sidecar " + sidecarPath.getFileName()
                    + " beside it, so its integrity cannot be checked; keep the two files together");
        }
        ModelSidecar sidecar;
        try {
            sidecar = GroveJson.reader(ModelSidecar.class).readValue(sidecarPath.toFile());
        } catch (IOException e) {
            throw new ModelIntegrityException("sidecar " + sidecarPath + " is not a Grove model sidecar ("
                    + describe(e) + "); restore it from the training output", e);
        }
        if (!ModelSidecar.FORMAT.equals(sidecar.format()) || sidecar.modelSha256() == null || sidecar.trainer() == null) {
            throw new ModelIntegrityException("sidecar " + sidecarPath + " is not a " + ModelSidecar.FORMAT
                    + " sidecar; restore it from the training output");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ModelIntegrityException("cannot read model " + path + ": " + describe(e), e);
        }
        String actual = Sha256.of(bytes);
        if (!actual.equalsIgnoreCase(sidecar.modelSha256())) {
            throw new ModelIntegrityException("model " + path + " does not match its sidecar (SHA-256 " + actual
                    + ", expected " + sidecar.modelSha256() + "): it was changed or damaged after training; "
                    + "restore the original file or retrain");
        }
        if (recordedSha != null && !actual.equalsIgnoreCase(recordedSha)) {
            throw new ModelIntegrityException("model " + path + " has SHA-256 " + actual + ", but the run store recorded "
                    + recordedSha + " for " + recordedBy + " when it was trained: the model file and its sidecar were "
                    + "replaced since; restore the original files or retrain");
        }
        Trainer trainer = trainers.find(sidecar.trainer()).orElseThrow(() -> new TrainerNotFoundException(
                "model " + path + " was made by trainer '" + sidecar.trainer() + "', which is not on the classpath; add "
                        + "its module (available: " + String.join(", ", trainers.all().stream().map(Trainer::name).toList())
                        + ")"));
        TrainedModel model;
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            model = trainer.load(in);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelIntegrityException mie) {
                // The trainer's refusal says what is wrong with the bytes; add which file and whose sidecar.
                throw new ModelIntegrityException("model " + path + " was refused by trainer '" + trainer.name()
                        + "' named in its sidecar: " + mie.getMessage(), mie);
            }
            throw new ModelIntegrityException("model " + path + " cannot be read by trainer '" + trainer.name() + "' ("
                    + describe(e) + "); it is damaged or was not written by that trainer", e);
        }
        if (!model.classes().equals(sidecar.classes()) || !model.encoding().features().equals(sidecar.features())) {
            throw new ModelIntegrityException("model " + path + " does not match its sidecar's classes or features; "
                    + "the sidecar belongs to another model: restore the pair from the training output");
        }
        return new LoadedModel(path, sidecar, model);
    }

    /** Deletes temporary files that writers killed mid-write left in {@code dir}; returns how many. */
    public static int sweepTemporaryFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(TEMP_SUFFIX) && ownerGone(p)) {
                    deleteQuietly(p);
                    n++;
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot sweep {}: {}", dir, e.getMessage());
        }
        return n;
    }

    /**
     * A temporary file for {@code target}, readable like any file the user writes (a temp file
     * starts as owner-only, which would keep a model from the service that serves it).
     */
    public static Path createTemp(Path dir, Path target) throws IOException {
        Path tmp = Files.createTempFile(dir, tempPrefix(target), TEMP_SUFFIX);
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
        return tmp;
    }

    /** {@code .<name>.<pid>.<random>.grove-tmp}: the pid tells a sweeper whether the writer is still alive. */
    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
    }

    private static boolean ownerGone(Path p) {
        String[] parts = p.getFileName().toString().split("\\.");
        if (parts.length < 4 || !parts[parts.length - 3].matches("\\d{1,10}")) {
            return false; // not named by this version of Grove: leave it alone
        }
        long pid = Long.parseLong(parts[parts.length - 3]);
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    private static void place(Path tmp, Path target) throws IOException {
        try {
            // A hard link fails if the target exists: no window in which an existing file is replaced.
            Files.createLink(target, tmp);
        } catch (UnsupportedOperationException e) {
            Files.move(tmp, target);
        } catch (FileAlreadyExistsException e) {
            throw new ArtifactException(target + " appeared while the model was being written; Grove never "
                    + "overwrites a model: choose another save path", e);
        }
    }

    private static Path folderOf(Path model) {
        Path parent = model.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", p, e.getMessage());
            }
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Keeps a model's write() from closing the channel before it is forced to disk. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
