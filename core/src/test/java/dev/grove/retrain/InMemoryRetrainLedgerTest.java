package dev.grove.retrain;

import dev.grove.run.InMemoryRunRepository;
import dev.grove.run.RunRepository;

class InMemoryRetrainLedgerTest extends RetrainLedgerContract {
    @Override
    protected RunRepository newRepository() {
        return new InMemoryRunRepository();
    }
}
