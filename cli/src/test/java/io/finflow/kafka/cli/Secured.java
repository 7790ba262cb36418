package io.finflow.kafka.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.testkit.SecuredKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Set-up on the shared secured broker with plain Kafka admin calls (as the super user), so assertions do not
 * depend on the code under test: topics, users, ACLs, and client properties files for the CLI.
 */
final class Secured {

    private final SecuredKafka kafka;
    private final Path dir;

    Secured(SecuredKafka kafka, Path dir) {
        this.kafka = kafka;
        this.dir = dir;
    }

    void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Creates ALLOW ACLs for {@code User:user} and waits until the broker serves them. */
    void grant(String user, ResourceType type, String name, AclOperation... operations) throws Exception {
        List<AclBinding> bindings = new ArrayList<>();
        for (AclOperation op : operations) {
            bindings.add(new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                    new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW)));
        }
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS).containsAll(bindings));
        }
    }

    /** Writes client properties to a file in the test folder, as a user would. */
    Path clientFile(String name, Map<String, Object> props) {
        StringBuilder text = new StringBuilder("# test client config\n");
        new TreeMap<>(props).forEach((k, v) -> text.append(k).append('=')
                .append(String.valueOf(v).replace("\\", "\\\\")).append('\n'));
        try {
            return Files.writeString(dir.resolve(name + ".properties"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Client properties of a SCRAM user with everything (bootstrap included). */
    Path userFile(String user, String password) {
        return clientFile(user, kafka.clientPropertiesFor(user, password));
    }
}
