package dev.grove.train;

/** How a trainer tells the pipeline how far its fit has got. */
@FunctionalInterface
public interface FitProgress {
    FitProgress NONE = (fraction, message) -> { };

    /** @param fraction done so far, in [0, 1] */
    void update(double fraction, String message);
}
