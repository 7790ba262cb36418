package io.finflow.kafka.consumer;

import java.time.Instant;
import java.util.Map;

/**
 * Where a record came from and how often it was tried.
 *
 * @param topic         source topic
 * @param partition     source partition
 * @param offset        offset in the partition
 * @param key           record key (the catalog's key field), may be null for foreign records
 * @param timestamp     record timestamp
 * @param headers       record headers as UTF-8 text (last value per name)
 * @param eventId       {@code ce_id}, the idempotency key consumers may use to drop duplicates; may be null
 * @param schemaVersion schema version the record was validated against
 * @param attempt       1 for the first call of the handler for this record, 2 for the first retry, ...
 */
public record EventMetadata(String topic, int partition, long offset, String key, Instant timestamp,
                            Map<String, String> headers, String eventId, int schemaVersion, int attempt) {

    public EventMetadata {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
