package io.finflow.examples;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a demo run: counts and checks. The run succeeded when every check passed.
 *
 * @param producedPerTopic    events acknowledged per topic (by FinFlow topic name)
 * @param refusedAtProducer   schema-invalid events the producer refused, by reason
 * @param poisonWritten       raw poison records written past the producer
 * @param consumedPerService  records each service handled successfully
 * @param deadLettered        dead letter records per DLQ topic, with their reasons and counts
 * @param deliveredByChannel  notifications delivered per channel
 * @param checks              what was verified
 * @param seconds             wall time of the run
 */
public record DemoSummary(Map<String, Long> producedPerTopic, Map<String, Long> refusedAtProducer, long poisonWritten,
                          Map<String, Long> consumedPerService, Map<String, Map<String, Long>> deadLettered,
                          Map<String, Long> deliveredByChannel, List<Check> checks, double seconds) {

    /** One verified property of the run. */
    public record Check(String name, boolean passed, String detail) {
    }

    /** True when every check passed. */
    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }
}
