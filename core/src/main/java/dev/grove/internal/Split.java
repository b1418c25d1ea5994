package dev.grove.internal;

/** Train and test row numbers, each sorted ascending. */
public record Split(int[] train, int[] test) {
    public Split {
        train = train.clone();
        test = test.clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }
}
