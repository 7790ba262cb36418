package io.finflow.kafka.wire;

/**
 * Headers a dead letter record carries on top of the original record's key, value and headers, which are
 * kept untouched (docs/wire-format.md, "Dead letter records"). All values are UTF-8 text. Every name starts
 * with {@value #PREFIX}, which producers may not use for their own headers.
 */
public final class DeadLetterHeaders {

    /** Prefix of every dead letter header. */
    public static final String PREFIX = "dlq.";
    /** Topic the record was consumed from. */
    public static final String ORIGINAL_TOPIC = "dlq.original.topic";
    /** Partition the record was consumed from. */
    public static final String ORIGINAL_PARTITION = "dlq.original.partition";
    /** Offset of the record in its original partition. */
    public static final String ORIGINAL_OFFSET = "dlq.original.offset";
    /** Original record timestamp, epoch milliseconds. */
    public static final String ORIGINAL_TIMESTAMP = "dlq.original.timestamp";
    /** Consumer group that failed to process the record. */
    public static final String CONSUMER_GROUP = "dlq.consumer.group";
    /** Fully qualified class of the last failure. */
    public static final String EXCEPTION_CLASS = "dlq.exception.class";
    /** Message of the last failure (truncated to 4 KiB). */
    public static final String EXCEPTION_MESSAGE = "dlq.exception.message";
    /** How many times the handler was called (0 for records that could not be decoded). */
    public static final String ATTEMPTS = "dlq.attempts";
    /** When the record was dead-lettered, ISO 8601 UTC. */
    public static final String FAILED_AT = "dlq.failed.at";

    private DeadLetterHeaders() {
    }
}
