package io.finflow.kafka.consumer;

/**
 * Told once when an {@link io.finflow.kafka.EventConsumer} stops because of a fatal failure: a
 * handler threw an {@link Error}, the transactional producer was fenced by a newer instance, a dead
 * letter write kept failing, the cluster refused the group protocol that was chosen, authorization
 * was denied, ... A service usually reacts by exiting non-zero so that its supervisor restarts it
 * or alerts someone.
 *
 * <pre>{@code
 * consumer.onFailure(cause -> {
 *     log.error("accounting consumer stopped, exiting", cause);
 *     System.exit(1);
 * });
 * }</pre>
 *
 * <p>Called on the consumer's own thread after it released its resources (so calling
 * {@code close()} from here is fine); keep it short. Not called for a clean {@code close()}, nor
 * when {@code start()} itself throws.
 */
@FunctionalInterface
public interface FailureListener {

    /**
     * @param cause what stopped the consumer, the same as {@code EventConsumer.failure()}
     */
    void onFailure(Throwable cause);
}
