package dev.grove;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * A step of a training began, advanced or ended.
 *
 * @param fraction how much of the stage is done, when known
 * @param elapsed  time since the training started
 * @param done     true for the last event of a stage
 */
public record ProgressEvent(Stage stage, OptionalDouble fraction, Duration elapsed, String message, boolean done) {
}
