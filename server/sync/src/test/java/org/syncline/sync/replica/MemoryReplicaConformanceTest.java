package org.syncline.sync.replica;

/** {@link MemoryReplica} keeps the {@link Replica} contract. */
class MemoryReplicaConformanceTest extends ReplicaConformanceTest {

    @Override
    protected Replica newEmptyReplica() {
        return new MemoryReplica("conformance");
    }
}
