package io.finflow.kafka.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.catalog.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the catalog's missing topics on a development broker. */
final class DevTopics {

    private DevTopics() {
    }

    /** Creates every catalog topic (and DLQ) that does not exist yet; returns how many were created. */
    static int createCatalogTopics(Map<String, Object> clientProperties, String profile) throws Exception {
        TopicCatalog catalog = TopicCatalog.fromClasspath(profile);
        try (Admin admin = Admin.create(clientProperties)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : catalog.allTopics()) {
                if (!existing.contains(spec.name())) {
                    missing.add(new NewTopic(spec.name(), Optional.of(spec.partitions()),
                            Optional.of(spec.replicationFactor())).configs(spec.topicConfigs()));
                }
            }
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            return missing.size();
        }
    }
}
