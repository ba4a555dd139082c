package org.sw4j.storage;

import org.sw4j.core.spi.registration.RegistrationStore;

class MemoryRegistrationStoreTest extends RegistrationStoreContract {
    @Override
    protected RegistrationStore newStore() {
        return MemoryRegistrationStore.create();
    }
}
