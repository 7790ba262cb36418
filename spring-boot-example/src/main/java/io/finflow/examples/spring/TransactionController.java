package io.finflow.examples.spring;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.finflow.kafka.EventProducer;
import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.producer.SendResult;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP front of the example: {@code POST /transactions} sends a credit or debit to {@code transaction-events} and
 * answers once Kafka acknowledged it (201 with topic, partition, offset); {@code GET /balances/{account}} reads the
 * balances the listener keeps. A refused event (schema violation, e.g. a bad currency) answers 400 with the reason.
 */
@RestController
public class TransactionController {

    private final EventProducer producer;
    private final String topic;
    private final Balances balances;

    /** Sends through the given producer to the catalog's transaction topic (prefix included). */
    public TransactionController(EventProducer producer, TopicCatalog catalog, Balances balances) {
        this.producer = producer;
        this.topic = catalog.topicForEventType("transaction").name();
        this.balances = balances;
    }

    /** A transaction request: {@code {"type":"credit","accountId":"acc-1","amount":"10.00","currency":"EUR"}}. */
    public record TransactionRequest(String type, String accountId, BigDecimal amount, String currency) {
    }

    /** Sends the transaction and waits for Kafka's acknowledgement. */
    @PostMapping("/transactions")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> send(@RequestBody TransactionRequest request) throws InterruptedException {
        TransactionEvent event = switch (String.valueOf(request.type())) {
            case "credit" -> TransactionEvent.credit(request.accountId(), request.amount(), request.currency());
            case "debit" -> TransactionEvent.debit(request.accountId(), request.amount(), request.currency());
            default -> throw new IllegalArgumentException("type must be credit or debit, was '" + request.type() + "'");
        };
        try {
            SendResult result = producer.send(topic, event).get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("eventId", event.eventId());
            body.put("topic", result.topic());
            body.put("partition", result.partition());
            body.put("offset", result.offset());
            return body;
        } catch (ExecutionException e) {
            throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** The balances of an account by currency. */
    @GetMapping("/balances/{account}")
    public Map<String, BigDecimal> balances(@PathVariable("account") String account) {
        return balances.of(account);
    }

    /** A refused transaction: 400 with the reason, e.g. the schema violation. */
    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public Map<String, String> refused(IllegalArgumentException e) {
        return Map.of("error", String.valueOf(e.getMessage()));
    }
}
