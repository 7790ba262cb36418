package io.finflow.kafka.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.EventConsumer;
import io.finflow.kafka.EventProducer;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.consumer.ConsumerOptions;
import io.finflow.kafka.event.BalanceEvent;
import io.finflow.kafka.event.EventJson;
import io.finflow.kafka.event.TransactionEvent;
import io.finflow.kafka.event.UserEvent;
import io.finflow.kafka.producer.ProducerOptions;
import io.finflow.kafka.testkit.SecuredKafka;
import io.finflow.kafka.testkit.SecuredKafkaExtension;
import io.finflow.kafka.testkit.TestNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACLs as code on a real secured broker: {@code finflow acls plan|apply} with config/acls.yaml gives every
 * service what it needs and nothing else.
 */
@ExtendWith(SecuredKafkaExtension.class)
class AclsCommandIT {

    private static final Path ACLS = Path.of("..", "config", "acls.yaml");
    private static final Path TOPICS = Path.of("..", "config", "topics.yaml");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void afterAclsApplyTheAccountingServiceConsumesTransactionsWritesItsOutputsExactlyOnceAndCannotWriteUserEvents(
            SecuredKafka kafka) throws Exception {
        Secured secured = new Secured(kafka, dir);
        Path admin = secured.clientFile("admin", kafka.clientProperties());
        CliRun topics = CliRun.run("topics", "apply", "--catalog", TOPICS.toString(), "--command-config", admin.toString());
        assertThat(topics.exitCode()).as(topics.describe()).isZero();
        kafka.createUser("accounting-service", "accounting-password");
        kafka.createUser("transaction-generator", "generator-password");

        CliRun plan = CliRun.run("acls", "plan", "--acls", ACLS.toString(), "--catalog", TOPICS.toString(),
                "--command-config", admin.toString());
        assertThat(plan.exitCode()).as(plan.describe()).isZero();
        assertThat(plan.out()).containsPattern("\\+\\s+grant\\s+User:accounting-service\\s+topic transaction-events\\s+"
                        + "READ\\s+consumes transaction-events")
                .containsPattern("User:accounting-service\\s+group accounting-service-group\\s+READ")
                .containsPattern("User:accounting-service\\s+topic transaction-events.dlq\\s+WRITE\\s+dead letters of")
                .containsPattern("User:accounting-service\\s+transactional-id accounting-service\\*\\s+WRITE")
                .containsPattern("User:accounting-service\\s+cluster\\s+IDEMPOTENT_WRITE")
                .containsPattern("User:accounting-service\\s+topic account-balances\\s+WRITE")
                .doesNotContainPattern("User:accounting-service\\s+topic user-events")
                .containsPattern("Plan: \\d+ to grant, 0 to revoke, 0 extra kept.");

        CliRun apply = CliRun.run("acls", "apply", "--acls", ACLS.toString(), "--catalog", TOPICS.toString(),
                "--command-config", admin.toString());
        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertThat(apply.out()).containsPattern("Applied: \\d+ granted, 0 revoked.");
        CliRun again = CliRun.run("acls", "plan", "--acls", ACLS.toString(), "--catalog", TOPICS.toString(),
                "--command-config", admin.toString());
        assertThat(again.out()).as(again.describe()).contains("No changes: the cluster's ACLs match the catalog.");

        ClientConfig generator = ClientConfig.fromEnvironment()
                .withFile(secured.userFile("transaction-generator", "generator-password"));
        ClientConfig accounting = ClientConfig.fromEnvironment()
                .withFile(secured.userFile("accounting-service", "accounting-password"));

        List<TransactionEvent> sent = new ArrayList<>();
        try (EventProducer producer = EventProducer.create(ProducerOptions.defaults(generator, "/finflow/generator"))) {
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                TransactionEvent tx = TransactionEvent.credit("acc-" + (i % 4), new BigDecimal(i + 1 + ".25"), "EUR");
                sent.add(tx);
                acks.add(producer.send("transaction-events", tx));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        Map<String, Object> raw = new HashMap<>(generator.toMap());
        try (KafkaProducer<byte[], byte[]> poison = new KafkaProducer<>(raw, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            poison.send(new ProducerRecord<>("transaction-events", bytes("acc-0"), bytes("not json"))).get(30,
                    TimeUnit.SECONDS);
        }

        // exactly-once: the balance events and the consumed offsets commit in one transaction per record
        try (EventProducer tx = EventProducer.create(ProducerOptions.defaults(accounting, "/finflow/accounting-service")
                     .withTransactionalId("accounting-service-0"));
             EventConsumer consumer = EventConsumer.create(ConsumerOptions.defaults(accounting,
                     "accounting-service-group"))) {
            consumer.exactlyOnce(tx).subscribe("transaction-events", TransactionEvent.class, (event, meta) ->
                    tx.send("account-balances", BalanceEvent.of(event.accountId(), event.amount(), "EUR", 1,
                            event.eventId()))).start();
            await().atMost(WAIT).until(() -> consumer.stats().processed() == sent.size()
                    && consumer.stats().deadLettered() == 1);
        }
        Set<String> balanced = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(kafka, "account-balances")) {
            balanced.add(EventJson.fromBytes(r.value(), BalanceEvent.class).lastTransactionEventId());
        }
        assertThat(balanced).containsExactlyInAnyOrderElementsOf(sent.stream().map(TransactionEvent::eventId).toList());
        assertThat(readAll(kafka, "transaction-events.dlq")).as("the poison record, dead-lettered by accounting")
                .hasSize(1);

        // ...and nothing else: user-events belongs to other services
        try (EventProducer producer = EventProducer.create(ProducerOptions.defaults(accounting,
                "/finflow/accounting-service"))) {
            ExecutionException denied = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () ->
                    producer.send("user-events", UserEvent.registered("user-1", "a@example.com", "DE"))
                            .get(60, TimeUnit.SECONDS));
            assertThat(denied).hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
        Path users = Files.write(dir.resolve("users.jsonl"), List.of(EventJson.mapper().writeValueAsString(
                UserEvent.registered("user-2", "b@example.com", "FR"))));
        CliRun cli = CliRun.run("produce", "user-events", "--file", users.toString(), "--catalog", TOPICS.toString(),
                "--command-config", secured.userFile("accounting-service", "accounting-password").toString());
        assertThat(cli.exitCode()).as(cli.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(cli.err()).contains("User:accounting-service is not authorized for topic(s) user-events")
                .contains("finflow acls apply").doesNotContain("accounting-password");
    }

    @Test
    void extraAclsAreKeptUnlessAllowDeleteIsGiven(SecuredKafka kafka, TestNames names) throws Exception {
        Secured secured = new Secured(kafka, dir);
        Path admin = secured.clientFile("admin", kafka.clientProperties());
        String user = "extra-" + Integer.toHexString(names.group().hashCode());
        Path acls = Files.writeString(dir.resolve("acls.yaml"), """
                principals:
                  - user: %s
                    produces: [system-events]
                """.formatted(user));
        String[] common = {"--acls", acls.toString(), "--catalog", TOPICS.toString(), "--command-config", admin.toString()};
        assertThat(run("acls", "apply", common).exitCode()).isZero();
        secured.grant(user, ResourceType.TOPIC, "user-events", AclOperation.WRITE); // by hand, not in the file

        CliRun plan = run("acls", "plan", common);
        assertThat(plan.out()).as(plan.describe())
                .containsPattern("!\\s+extra\\s+User:" + user + "\\s+topic user-events\\s+WRITE\\s+on the cluster")
                .contains("Plan: 0 to grant, 0 to revoke, 1 extra kept (revoke them with --allow-delete).");
        CliRun keep = run("acls", "apply", common);
        assertThat(keep.out()).as(keep.describe()).contains("Nothing to apply.");
        assertThat(aclsOf(kafka, user)).as("kept without --allow-delete").contains("TOPIC user-events WRITE");

        CliRun json = run("acls", "plan", append(common, "--allow-delete", "--output", "json"));
        assertThat(json.out()).as(json.describe()).contains("\"type\" : \"REVOKE\"").contains("\"resource\" : \"topic user-events\"");
        CliRun revoke = run("acls", "apply", append(common, "--allow-delete"));
        assertThat(revoke.out()).as(revoke.describe()).contains("Applied: 0 granted, 1 revoked.");
        assertThat(aclsOf(kafka, user)).doesNotContain("TOPIC user-events WRITE")
                .contains("TOPIC system-events WRITE", "CLUSTER kafka-cluster IDEMPOTENT_WRITE");
    }

    @Test
    void aUserOutsideTheTopicCatalogIsRefusedBeforeAnythingChanges(SecuredKafka kafka) throws Exception {
        Path admin = new Secured(kafka, dir).clientFile("admin", kafka.clientProperties());
        Path acls = Files.writeString(dir.resolve("bad-acls.yaml"), """
                principals:
                  - user: typo-service
                    produces: [transaction-event]
                """);
        CliRun run = CliRun.run("acls", "apply", "--acls", acls.toString(), "--catalog", TOPICS.toString(),
                "--command-config", admin.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).as(run.describe()).contains("user 'typo-service' in " + acls
                + " names topic 'transaction-event', which is not in the topic catalog");
        assertThat(aclsOf(kafka, "typo-service")).isEmpty();
    }

    private static CliRun run(String a, String b, String... rest) {
        String[] args = new String[rest.length + 2];
        args[0] = a;
        args[1] = b;
        System.arraycopy(rest, 0, args, 2, rest.length);
        return CliRun.run(args);
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static List<String> aclsOf(SecuredKafka kafka, String user) throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter(
                            "User:" + user, null, AclOperation.ANY, AclPermissionType.ANY))).values()
                    .get(30, TimeUnit.SECONDS).stream()
                    .map(b -> b.pattern().resourceType() + " " + b.pattern().name() + " " + b.entry().operation())
                    .toList();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(SecuredKafka kafka, String topic) {
        Map<String, Object> props = kafka.clientProperties();
        props.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
