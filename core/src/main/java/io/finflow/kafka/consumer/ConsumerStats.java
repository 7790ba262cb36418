package io.finflow.kafka.consumer;

/**
 * Counters of a consumer since it started.
 *
 * @param processed      records whose handler returned normally
 * @param failedAttempts handler calls that threw (each retry counts)
 * @param retried        retries scheduled
 * @param deadLettered   records written to a dead letter topic
 * @param commits        offset commits sent
 */
public record ConsumerStats(long processed, long failedAttempts, long retried, long deadLettered, long commits) {
}
