/** The Actuator health indicator of the FinFlow listeners and the lag it reports. */
package io.finflow.kafka.spring.health;
