package io.finflow.kafka.consumer;

/** What order records are processed in when a consumer runs several workers. */
public enum OrderingMode {
    /**
     * Records with the same key are processed one at a time in offset order; different keys of the
     * same partition run in parallel. The default: FinFlow keys are the entities whose order matters.
     */
    KEY,
    /** Records of one partition are processed one at a time in offset order; partitions run in parallel. */
    PARTITION
}
