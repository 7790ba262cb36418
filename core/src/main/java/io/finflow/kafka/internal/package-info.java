/**
 * <b>Not API: the machinery behind {@link io.finflow.kafka.EventProducer} and
 * {@link io.finflow.kafka.EventConsumer}</b> (poll loop, offset tracking, key-ordered dispatch, record
 * processing, dead letters, transactions). Its types are public only because the public classes of other
 * packages use them; applications must not. It may change in any release, patch releases included, is
 * left out of the published javadoc, and is not covered by the API signature check (see
 * docs/conventions.md), as Kafka does with its {@code internals} packages.
 */
package io.finflow.kafka.internal;
