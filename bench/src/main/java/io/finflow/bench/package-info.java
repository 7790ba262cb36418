/**
 * FinFlow's benchmark harness: plain {@code main} classes, never run by the build.
 *
 * <p>{@link io.finflow.bench.BenchSuite} measures, side by side in one run and against one broker, the
 * library ({@code EventProducer}, {@code EventConsumer}) and the raw Kafka clients with the same settings
 * over the same transaction events, plus the compression codecs. See {@code docs/benchmarks.md} for how to
 * run it and the results.
 */
package io.finflow.bench;
