package io.finflow.kafka.catalog;

import java.util.Collection;

/** A topic that the FinFlow catalog does not declare. */
public class UnknownTopicException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public UnknownTopicException(String topic, Collection<String> known) {
        super("topic '" + topic + "' is not in the FinFlow topic catalog (config/topics.yaml); known topics: "
                + String.join(", ", known));
        this.topic = topic;
    }

    /** The topic that was asked for. */
    public String topic() {
        return topic;
    }
}
