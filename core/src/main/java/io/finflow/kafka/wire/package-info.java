/**
 * The wire format's names, in one place for the library, the operations kit and the CLI: the CloudEvents
 * headers of every event ({@link io.finflow.kafka.wire.CloudEventHeaders}) and the headers of a dead letter
 * record ({@link io.finflow.kafka.wire.DeadLetterHeaders}). Services in other languages read the same names
 * from docs/wire-format.md; a change here is a change of the wire format.
 */
package io.finflow.kafka.wire;
