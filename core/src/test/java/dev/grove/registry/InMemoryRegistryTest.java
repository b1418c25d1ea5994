package dev.grove.registry;

import dev.grove.run.InMemoryRunRepository;
import dev.grove.run.RunRepository;

class InMemoryRegistryTest extends RegistryContract {
    @Override
    protected RunRepository newRepository() {
        return new InMemoryRunRepository();
    }
}
