package io.finflow.kafka.ops.topics;

import java.util.Objects;

/**
 * One step of a {@link TopicPlan}: a change {@code apply} will make, or a difference it refuses to
 * touch. {@code setting}, {@code current} and {@code wanted} are display strings, so a command can
 * print {@code topic  setting  current -> wanted} without knowing the action type.
 *
 * @param type    what the action does, or why it cannot be done
 * @param topic   the topic it concerns
 * @param setting what differs: {@value #PARTITIONS}, {@value #REPLICATION_FACTOR} or a config name;
 *                {@code null} for {@link ActionType#CREATE} and {@link ActionType#DELETE}
 * @param current the value on the cluster; {@code null} when the topic or config does not exist there
 * @param wanted  the value in the catalog; {@code null} for {@link ActionType#DELETE}
 * @param layout  the catalog's layout for the topic; {@code null} only for {@link ActionType#DELETE}
 * @param message one line for humans: what will happen, or why not and what to do instead
 */
public record TopicAction(
        ActionType type,
        String topic,
        String setting,
        String current,
        String wanted,
        TopicLayout layout,
        String message) {

    /** {@code setting} of partition count actions. */
    public static final String PARTITIONS = "partitions";
    /** {@code setting} of replication factor actions. */
    public static final String REPLICATION_FACTOR = "replication.factor";

    /** Checks that every action except a deletion carries the catalog's layout. */
    public TopicAction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(message, "message");
        if (layout == null && type != ActionType.DELETE) {
            throw new IllegalArgumentException("a " + type + " action needs the catalog layout of topic '"
                    + topic + "'");
        }
    }

    /** True when the cluster drifted from the catalog on a managed config (a {@link ActionType#CONFIG_CHANGE}). */
    public boolean isDrift() {
        return type == ActionType.CONFIG_CHANGE;
    }
}
