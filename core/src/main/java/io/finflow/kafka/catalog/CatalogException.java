package io.finflow.kafka.catalog;

/** The topic catalog file is missing, unreadable or invalid; the message names the file and the problem. */
public class CatalogException extends io.finflow.kafka.FinFlowException {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
