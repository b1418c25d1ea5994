package dev.grove;

/** Receives the progress of a training, on the training's thread; keep it quick. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = e -> { };

    void onProgress(ProgressEvent event);
}
