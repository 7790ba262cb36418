package io.finflow.examples;

/** A service's consumer stopped working; the message names the service and the cause. */
public final class ServiceStoppedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message names the service and why its consumer stopped */
    public ServiceStoppedException(String message) {
        super(message);
    }
}
