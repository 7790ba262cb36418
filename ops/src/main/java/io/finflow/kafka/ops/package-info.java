/**
 * Operations services over a Kafka {@link org.apache.kafka.clients.admin.Admin}, used by the
 * {@code finflow} command line: {@code topics} (plan and apply the topic catalog, list, describe),
 * {@code groups} (consumer groups, offset lag and time lag), {@code offsets} (plan, execute and
 * restore offset resets), {@code dlq} (dead letter topics: list, show, resumable replay with parking),
 * {@code events} (validating tail, all-or-nothing file produce), {@code doctor} (health checks with
 * what to do), {@code acls} (ACLs as code: plan and apply {@code config/acls.yaml}), {@code users}
 * (SCRAM users) and {@code diagnosis} (why a client cannot use the cluster, what a missing ACL is, and
 * scrubbing secrets from what is printed).
 *
 * <p>Every service takes the {@code Admin} it works with and never closes it: the caller owns it.
 * Results are immutable records that a command prints as a table or serializes to JSON with
 * Jackson (register {@code JavaTimeModule} for {@link java.time.Instant} fields). Operational
 * failures are {@link io.finflow.kafka.ops.OpsException}s, refusals
 * {@link io.finflow.kafka.ops.OperationRefusedException}s, and invalid arguments
 * {@link java.lang.IllegalArgumentException}s; every message is one line naming the bad value.
 */
package io.finflow.kafka.ops;
