package io.finflow.kafka.ops.groups;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A member of a consumer group, as {@link ConsumerGroupService#describe(String)} reports it.
 *
 * @param memberId        Kafka's member id
 * @param groupInstanceId the static membership id ({@code group.instance.id}), {@code null} when not static
 * @param clientId        the consumer's {@code client.id}
 * @param host            the host the consumer connects from, as the broker sees it
 * @param assignment      assigned partitions: topic name to sorted partition numbers, sorted by topic
 */
public record MemberDetails(
        String memberId,
        String groupInstanceId,
        String clientId,
        String host,
        Map<String, List<Integer>> assignment) {

    /** Copies the assignment into a sorted, unmodifiable map. */
    public MemberDetails {
        TreeMap<String, List<Integer>> sorted = new TreeMap<>();
        assignment.forEach((topic, partitions) -> sorted.put(topic, partitions.stream().sorted().toList()));
        assignment = Collections.unmodifiableMap(sorted);
    }
}
