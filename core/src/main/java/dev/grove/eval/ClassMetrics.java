package dev.grove.eval;

/** Precision, recall and F1 of one class on the test rows, and its support (test rows of that class). */
public record ClassMetrics(String label, double precision, double recall, double f1, int support) {
}
