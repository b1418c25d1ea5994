package dev.grove.run;

/** The reference implementation against the shared contract. */
class InMemoryRunRepositoryTest extends RunRepositoryContract {
    @Override
    protected RunRepository newRepository() {
        return new InMemoryRunRepository();
    }
}
