package io.finflow.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The accounting service as a Spring Boot application: {@link LedgerListener} keeps account balances from
 * {@code transaction-events} (a {@code @FinFlowListener}), {@link TransactionController} takes transactions over
 * HTTP and sends them with the auto-configured {@code EventProducer}, and the Actuator serves
 * {@code /actuator/health} (the {@code finflow} indicator) and the FinFlow metrics. Settings in
 * {@code application.properties}; docs/spring-boot.md explains each.
 */
@SpringBootApplication
public class AccountingApplication {

    /** Runs the service until it is stopped (SIGTERM: the listeners drain and commit first). */
    public static void main(String[] args) {
        SpringApplication.run(AccountingApplication.class, args);
    }
}
