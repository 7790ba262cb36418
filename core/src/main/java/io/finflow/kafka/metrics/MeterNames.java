package io.finflow.kafka.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.finflow.kafka.consumer.ConsumerState;

/**
 * Names, tag keys and tag values of the meters FinFlow registers: stable, documented in docs/metrics.md,
 * used by the dashboards and alerts in {@code deploy/}. Names are Micrometer names (dots); the Prometheus
 * registry writes them with underscores and adds {@code _total} to counters and {@code _seconds} to timers,
 * e.g. {@code finflow.consumer.records} becomes {@code finflow_consumer_records_total}.
 *
 * <p>Every tag has a small, bounded set of values: topic and group names come from the catalog and the
 * service, outcomes and states from the constants below, {@code client.id} from Kafka (one per client
 * instance). No event ids, keys, offsets or exception messages.
 */
public final class MeterNames {

    /** Counter: events a producer was asked to send, by {@code topic} and {@code outcome}. */
    public static final String PRODUCER_EVENTS = "finflow.producer.events";
    /** Counter: events refused because they break their JSON Schema, by {@code topic}. */
    public static final String PRODUCER_VALIDATION_FAILURES = "finflow.producer.validation.failures";

    /** Counter: records a consumer finished or retried, by {@code group}, {@code topic} and {@code outcome}. */
    public static final String CONSUMER_RECORDS = "finflow.consumer.records";
    /** Timer: time spent in the handler per call (every attempt), by {@code group} and {@code topic}. */
    public static final String CONSUMER_HANDLER_DURATION = "finflow.consumer.handler.duration";
    /** Counter: records that were not JSON or broke their schema (poison), by {@code group} and {@code topic}. */
    public static final String CONSUMER_VALIDATION_FAILURES = "finflow.consumer.validation.failures";
    /** Counter: dead letter writes, by {@code group}, {@code topic}, {@code dlq.topic} and {@code outcome}. */
    public static final String CONSUMER_DLQ_WRITES = "finflow.consumer.dlq.writes";
    /** Gauge: partitions this consumer has paused right now, by {@code group}. */
    public static final String CONSUMER_PAUSED_PARTITIONS = "finflow.consumer.paused.partitions";
    /**
     * Gauge: partitions waiting at a record whose dead letter write fails (retried), or stopped at the record
     * that failed the consumer, by {@code group}.
     */
    public static final String CONSUMER_STOPPED_PARTITIONS = "finflow.consumer.stopped.partitions";
    /** Gauge, one-hot: 1 for the consumer's current {@code state}, 0 for the others, by {@code group}. */
    public static final String CONSUMER_STATE = "finflow.consumer.state";

    /** Tag: the topic (a catalog topic; {@link #UNKNOWN_TOPIC} for a name the catalog does not know). */
    public static final String TAG_TOPIC = "topic";
    /** Tag: the consumer group. */
    public static final String TAG_GROUP = "group";
    /** Tag: what happened; values below. */
    public static final String TAG_OUTCOME = "outcome";
    /** Tag: the dead letter topic written to. */
    public static final String TAG_DLQ_TOPIC = "dlq.topic";
    /** Tag: the consumer's state; values in {@link #CONSUMER_STATES}. */
    public static final String TAG_STATE = "state";
    /**
     * Tag: Kafka's {@code client.id} of the producer or consumer, the same tag Micrometer's Kafka binder puts
     * on the client's own metrics; it keeps two instances in one JVM apart.
     */
    public static final String TAG_CLIENT_ID = "client.id";

    /** Outcome {@code acknowledged}: Kafka acknowledged the event or the dead letter record (every in-sync replica). */
    public static final String ACKNOWLEDGED = "acknowledged";
    /** Producer outcome: refused before sending (schema violation, unknown topic, no key, too large). */
    public static final String REFUSED = "refused";
    /**
     * Outcome {@code failed}: for the producer, Kafka did not acknowledge (timeout, broker error); for a
     * consumed record, it stopped the consumer (its dead letter write kept failing, its handler threw an Error,
     * its transaction failed fatally); for a dead letter write, the write failed (it is retried).
     */
    public static final String FAILED = "failed";

    /** Consumer outcome: the handler returned normally. */
    public static final String SUCCESS = "success";
    /** Consumer outcome: an attempt failed and is retried after a backoff. */
    public static final String RETRIED = "retried";
    /** Consumer outcome: the record was written to its dead letter topic. */
    public static final String DEAD_LETTERED = "dead_lettered";

    /** Consumer state: started, consuming ({@link ConsumerState#RUNNING}). */
    public static final String RUNNING = "running";
    /** Consumer state: stopped by a fatal failure ({@link ConsumerState#FAILED}); see {@code EventConsumer.failure()}. */
    public static final String STATE_FAILED = "failed";

    /** Every value of {@link #TAG_STATE}: {@link ConsumerState}'s names in lower case, in their order. */
    public static final List<String> CONSUMER_STATES = Arrays.stream(ConsumerState.values())
            .map(s -> s.name().toLowerCase(Locale.ROOT)).toList();

    /** Topic tag value for a topic the catalog does not know (keeps typos from growing the series count). */
    public static final String UNKNOWN_TOPIC = "unknown";

    private MeterNames() {
    }
}
