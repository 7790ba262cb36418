package io.finflow.kafka.ops;

/**
 * The service refused to do what was asked because it would be unsafe or impossible, for example a
 * partition increase on a keyed topic, an offset reset of a group that still has members, or a
 * target offset outside the log. Nothing was changed on the cluster. The message says why and, where
 * there is one, which option lifts the refusal.
 */
public class OperationRefusedException extends OpsException {

    private static final long serialVersionUID = 1L;

    /** A refusal explained by {@code message}. */
    public OperationRefusedException(String message) {
        super(message);
    }
}
