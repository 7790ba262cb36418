package io.finflow.kafka.ops.events;

import java.util.List;

import io.finflow.kafka.producer.EncodedEvent;

/**
 * An events file checked line by line: the encoded events ready to send, or the problems that forbid
 * sending any of them.
 *
 * @param topic    the topic the events are for
 * @param events   one encoded event per non-blank line, in file order; empty when there are problems
 * @param problems every bad line with its reason, in file order
 */
public record EventFile(String topic, List<EncodedEvent> events, List<LineProblem> problems) {

    /** Copies the lists. */
    public EventFile {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }

    /** True when every line is a valid event of the topic. */
    public boolean isValid() {
        return problems.isEmpty();
    }
}
