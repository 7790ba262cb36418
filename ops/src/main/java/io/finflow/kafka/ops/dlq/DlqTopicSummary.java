package io.finflow.kafka.ops.dlq;

/**
 * One dead letter topic in {@link DlqService#list()}.
 *
 * @param topic         the dead letter topic, {@code <original>.dlq}
 * @param originalTopic the topic its records came from (the name without {@code .dlq})
 * @param partitions    partition count
 * @param records       records in the topic now (log end minus log start, summed over partitions)
 * @param notReplayed   records after the position of the topic's replay group ({@link DlqService#replayGroup}),
 *                      that is records no replay has handled yet; equals {@code records} when none ran
 */
public record DlqTopicSummary(String topic, String originalTopic, int partitions, long records, long notReplayed) {
}
