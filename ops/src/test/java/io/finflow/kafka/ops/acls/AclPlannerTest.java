package io.finflow.kafka.ops.acls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.ops.OpsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The derivation rules of ACLs as code, on the committed config/acls.yaml and on small catalogs. */
class AclPlannerTest {

    private static final TopicCatalog TOPICS = TopicCatalog.fromClasspath("prod");

    @Test
    void theAccountingServiceGetsExactlyWhatItUses() {
        AclCatalog acls = AclCatalog.load(Path.of("..", "config", "acls.yaml"));
        List<String> accounting = rules(acls, "accounting-service");
        assertThat(accounting).containsExactlyInAnyOrder(
                "topic transaction-events READ", "topic transaction-events DESCRIBE",
                "group accounting-service-group READ",
                "topic transaction-events.dlq WRITE", "topic transaction-events.dlq DESCRIBE",
                "topic account-balances WRITE", "topic account-balances DESCRIBE",
                "topic notification-events WRITE", "topic notification-events DESCRIBE",
                "topic system-events WRITE", "topic system-events DESCRIBE",
                "cluster IDEMPOTENT_WRITE",
                "transactional-id accounting-service* WRITE", "transactional-id accounting-service* DESCRIBE");
        assertThat(acls.principals()).extracting(ServiceAccess::user).contains("accounting-service",
                "notification-service", "transaction-generator", "balance-auditor");
        assertThat(AclCatalog.fromClasspath().principals()).as("the bundled file is the committed one")
                .isEqualTo(acls.principals());
    }

    @Test
    void readingWithoutAGroupNeedsNoDeadLetterTopicAndWritingNothingNoIdempotentWrite() {
        AclCatalog acls = AclCatalog.of(List.of(new ServiceAccess("auditor", null, List.of(),
                List.of("transaction-events"), List.of(), true, null)), "test");
        assertThat(rules(acls, "auditor")).containsExactlyInAnyOrder("topic transaction-events READ",
                "topic transaction-events DESCRIBE");
    }

    @Test
    void aNonIdempotentProducerGetsNoClusterPermission() {
        AclCatalog acls = AclCatalog.of(List.of(new ServiceAccess("legacy", null, List.of("user-events"), List.of(),
                List.of(), false, null)), "test");
        assertThat(rules(acls, "legacy")).containsExactlyInAnyOrder("topic user-events WRITE",
                "topic user-events DESCRIBE");
    }

    @Test
    void mistakesAreRefusedNamingTheValueAndTheFile(@TempDir Path dir) throws Exception {
        AclCatalog unknownTopic = AclCatalog.of(List.of(new ServiceAccess("svc", null, List.of("transaction-event"),
                List.of(), List.of(), true, null)), "acls.yaml");
        assertThatThrownBy(() -> AclPlanner.desired(unknownTopic, TOPICS)).isInstanceOf(OpsException.class)
                .hasMessageContaining("user 'svc' in acls.yaml names topic 'transaction-event'")
                .hasMessageContaining("transaction-events");
        Path twice = Files.writeString(dir.resolve("twice.yaml"), "principals:\n  - user: a\n  - user: a\n");
        assertThatThrownBy(() -> AclCatalog.load(twice)).hasMessageContaining("user 'a' is listed twice in " + twice);
        Path badName = Files.writeString(dir.resolve("bad.yaml"), "principals:\n  - user: 'a b'\n");
        assertThatThrownBy(() -> AclCatalog.load(badName)).hasMessageContaining("'a b'").hasMessageContaining(badName.toString());
        Path unknownKey = Files.writeString(dir.resolve("key.yaml"), "principals:\n  - user: a\n    writes: [x]\n");
        assertThatThrownBy(() -> AclCatalog.load(unknownKey)).hasMessageContaining("writes");
    }

    private static List<String> rules(AclCatalog acls, String user) {
        return AclPlanner.desired(acls, TOPICS).stream().filter(r -> r.principal().equals("User:" + user))
                .map(r -> r.resource() + " " + r.operation()).toList();
    }
}
