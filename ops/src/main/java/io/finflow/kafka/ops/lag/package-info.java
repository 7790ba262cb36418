/**
 * Consumer lag for Prometheus, the engine of {@code finflow lag-exporter}: {@link io.finflow.kafka.ops.lag.OffsetSampler}
 * reads every group's committed offsets and members and the log end offsets in a fixed number of batched Admin
 * requests (the fast path {@code finflow groups lag} shares); {@link io.finflow.kafka.ops.lag.LagMonitor} turns
 * successive samples into offset lag, time lag estimated from the sampled log end offsets and their times (as
 * kafka-lag-exporter does), and a Burrow-style status per partition and group;
 * {@link io.finflow.kafka.ops.lag.LagCollector} renders the latest report with kafka-lag-exporter's metric names;
 * {@link io.finflow.kafka.ops.lag.LagExporter} samples on a schedule. No record is read.
 */
package io.finflow.kafka.ops.lag;
