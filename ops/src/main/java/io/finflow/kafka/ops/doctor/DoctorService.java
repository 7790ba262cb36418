package io.finflow.kafka.ops.doctor;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.config.ClientConfig;
import io.finflow.kafka.ops.diagnosis.AccessAdvisor;
import io.finflow.kafka.ops.diagnosis.ClientContext;
import io.finflow.kafka.ops.diagnosis.ConnectionDiagnoser;
import io.finflow.kafka.ops.diagnosis.ConnectionProblem;
import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.dlq.DlqService;
import io.finflow.kafka.ops.dlq.DlqTopicSummary;
import io.finflow.kafka.ops.groups.ConsumerGroupService;
import io.finflow.kafka.ops.groups.GroupLag;
import io.finflow.kafka.ops.groups.PartitionLag;
import io.finflow.kafka.ops.topics.ActionType;
import io.finflow.kafka.ops.topics.PlanOptions;
import io.finflow.kafka.ops.topics.TopicAction;
import io.finflow.kafka.ops.topics.TopicPlan;
import io.finflow.kafka.ops.topics.TopicsService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Health checks of a FinFlow Kafka cluster, each finding with what to do:
 *
 * <ol>
 *   <li>{@code connectivity}: the cluster answers {@code describeCluster} within the timeout; connection
 *       refused, unknown host, TLS, SASL and authorization failures are told apart
 *       ({@link ConnectionDiagnoser}). When this fails the other checks are skipped.</li>
 *   <li>{@code catalog}: the topics match the topic catalog ({@link TopicsService#plan} is empty).</li>
 *   <li>{@code partitions}: no partition is offline (no leader) or under-replicated (fewer in-sync replicas
 *       than replicas).</li>
 *   <li>{@code groups}: no consumer group has lag with no member to consume it; with a sample interval, no
 *       group's lag grows and no group with members leaves its committed offsets unmoved while lagging.
 *       Replay groups ({@link DlqService#GROUP_PREFIX}) are left to the {@code dlq} check.</li>
 *   <li>{@code dlq}: no dead letter topic holds records that no replay has handled.</li>
 * </ol>
 *
 * <pre>{@code
 * DoctorReport report = new DoctorService(admin, clientConfig, DoctorOptions.defaults()).run(catalog);
 * if (!report.healthy()) report.findings().forEach(f -> out.println(f.problem() + " -> " + f.action()));
 * }</pre>
 *
 * The service only reads. It does not close the {@code Admin}.
 */
public final class DoctorService {

    private static final int MAX_FINDINGS_PER_CHECK = 50;

    private final Admin admin;
    private final Map<String, Object> clientConfig;
    private final DoctorOptions options;
    private final String bootstrap;
    private final ClientContext context;

    /**
     * @param clientConfig how to connect consumers (bootstrap servers, security), as the Admin
     */
    public DoctorService(Admin admin, Map<String, Object> clientConfig, DoctorOptions options) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.clientConfig = Map.copyOf(Objects.requireNonNull(clientConfig, "clientConfig"));
        this.options = Objects.requireNonNull(options, "options");
        this.bootstrap = String.valueOf(clientConfig.get("bootstrap.servers"));
        this.context = ClientContext.of(ClientConfig.of(clientConfig));
    }

    /** Runs every check against {@code catalog}. Blocks for at least the sample interval. */
    public DoctorReport run(TopicCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        List<CheckResult> results = new ArrayList<>();
        CheckResult connectivity = connectivity();
        results.add(connectivity);
        List<String> later = List.of("catalog", "partitions", "groups", "dlq");
        if (connectivity.status() != CheckResult.Status.OK) {
            later.forEach(c -> results.add(new CheckResult(c, CheckResult.Status.SKIPPED,
                    "skipped: Kafka could not be reached", List.of())));
            return new DoctorReport(bootstrap, results);
        }
        results.add(guarded("catalog", "plan the topic catalog", () -> catalog(catalog)));
        results.add(guarded("partitions", "describe the topics", this::partitions));
        results.add(guarded("groups", "read consumer group lag", this::groups));
        results.add(guarded("dlq", "read the dead letter topics", this::deadLetters));
        return new DoctorReport(bootstrap, results);
    }

    private CheckResult connectivity() {
        Optional<ConnectionProblem> problem = new ConnectionDiagnoser(context, options.timeout()).diagnose(admin);
        if (problem.isPresent()) {
            ConnectionProblem p = problem.get();
            Finding f = new Finding("connectivity", Finding.Severity.ERROR, "cluster",
                    p.cause().label() + " at " + bootstrap + ": " + p.detail(), p.nextStep());
            return new CheckResult("connectivity", CheckResult.Status.PROBLEMS, f.problem(), List.of(f));
        }
        try {
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) options.timeout().toMillis()));
            long ms = options.timeout().toMillis();
            Collection<Node> nodes = cluster.nodes().get(ms, TimeUnit.MILLISECONDS);
            String clusterId = cluster.clusterId().get(ms, TimeUnit.MILLISECONDS);
            Node controller = cluster.controller().get(ms, TimeUnit.MILLISECONDS);
            return new CheckResult("connectivity", CheckResult.Status.OK, "cluster " + clusterId + " at " + bootstrap
                    + ": " + nodes.size() + " broker(s), controller " + (controller == null || controller.isEmpty()
                    ? "unknown" : controller.id()), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted while checking connectivity", e);
        } catch (Exception e) {
            Finding f = FailureExplainer.explain("connectivity", bootstrap, "describe the cluster", e);
            return new CheckResult("connectivity", CheckResult.Status.PROBLEMS, f.problem(), List.of(f));
        }
    }

    /** Runs a check; a failing call to Kafka becomes a finding of that check instead of ending the run. */
    private CheckResult guarded(String check, String doing, java.util.function.Supplier<CheckResult> body) {
        try {
            return body.get();
        } catch (OpsException e) {
            Optional<String> access = AccessAdvisor.explain(e, context);
            Finding f = access.isPresent()
                    ? new Finding(check, Finding.Severity.ERROR, "cluster", "not authorized to " + doing,
                            access.get() + "; or run doctor with an admin's or operations user's --command-config")
                    : FailureExplainer.explain(check, bootstrap, doing, e);
            f = new Finding(f.check(), f.severity(), f.subject(), context.scrubber().scrub(f.problem()),
                    context.scrubber().scrub(f.action()));
            return new CheckResult(check, CheckResult.Status.PROBLEMS, f.problem(), List.of(f));
        }
    }

    private CheckResult catalog(TopicCatalog catalog) {
        TopicPlan plan = new TopicsService(admin, options.timeout()).plan(catalog, PlanOptions.DEFAULT);
        List<Finding> findings = new ArrayList<>();
        for (TopicAction a : plan.actions()) {
            boolean refused = !a.type().executable();
            String action = refused ? "fix the catalog or the topic by hand; see finflow topics plan --profile "
                    + catalog.profile() : "review with finflow topics plan --profile " + catalog.profile()
                    + ", then converge with finflow topics apply --profile " + catalog.profile();
            Finding.Severity severity = a.type() == ActionType.CREATE ? Finding.Severity.ERROR : Finding.Severity.WARNING;
            findings.add(new Finding("catalog", severity, a.topic(), a.message(), action));
        }
        return result("catalog", findings, plan.isEmpty()
                ? "topics match the catalog (profile " + catalog.profile() + ", " + catalog.allTopics().size()
                + " topics)" : plan.actions().size() + " difference(s) from the catalog (profile "
                + catalog.profile() + ")");
    }

    private CheckResult partitions() {
        Set<String> names = await(admin.listTopics(new ListTopicsOptions().listInternal(true)).names(),
                options.timeout(), "list topics");
        Map<String, TopicDescription> topics = names.isEmpty() ? Map.of()
                : new TreeMap<>(await(admin.describeTopics(names).allTopicNames(), options.timeout(),
                "describe topics"));
        List<Finding> findings = new ArrayList<>();
        int partitions = 0;
        for (TopicDescription d : topics.values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                partitions++;
                String subject = d.name() + "-" + p.partition();
                if (p.leader() == null || p.leader().isEmpty()) {
                    findings.add(new Finding("partitions", Finding.Severity.ERROR, subject,
                            "offline: no leader (replicas " + ids(p.replicas()) + ", in sync " + ids(p.isr()) + ")",
                            "bring the brokers holding its replicas back; clients cannot read or write it meanwhile"));
                } else if (p.isr().size() < p.replicas().size()) {
                    findings.add(new Finding("partitions", Finding.Severity.WARNING, subject,
                            "under-replicated: " + p.isr().size() + " of " + p.replicas().size()
                                    + " replicas in sync (replicas " + ids(p.replicas()) + ", in sync " + ids(p.isr())
                                    + ")", "check the brokers missing from the in-sync set (down, slow disk or"
                                    + " network); acks=all writes fail once fewer than min.insync.replicas are in sync"));
                }
            }
        }
        return result("partitions", findings, findings.isEmpty()
                ? partitions + " partitions of " + topics.size() + " topics online and fully replicated"
                : findings.size() + " partition(s) offline or under-replicated");
    }

    private CheckResult groups() {
        ConsumerGroupService groups = new ConsumerGroupService(admin, clientConfig, java.time.Clock.systemUTC(),
                options.timeout());
        Map<String, GroupLag> first = byId(groups.lag(Optional.empty()));
        Map<String, GroupLag> second = first;
        boolean sampled = !options.sampleInterval().isZero();
        if (sampled) {
            pause();
            second = byId(groups.lag(Optional.empty()));
        }
        List<Finding> findings = new ArrayList<>();
        for (GroupLag now : second.values()) {
            if (now.groupId().startsWith(DlqService.GROUP_PREFIX)) {
                continue;
            }
            GroupLag before = first.get(now.groupId());
            String lag = "lag " + now.totalLag() + (now.maxTimeLagSeconds() == null ? ""
                    : ", oldest unconsumed record " + now.maxTimeLagSeconds() + " s old");
            if (now.totalLag() > 0 && now.members() == 0) {
                findings.add(new Finding("groups", Finding.Severity.WARNING, now.groupId(),
                        lag + " and no members: nothing is consuming", "start the group's consumers; if the group is"
                        + " retired, delete it so it stops showing up (its committed offsets are then lost)"));
            } else if (sampled && before != null && now.members() > 0 && now.totalLag() > 0
                    && committed(before).equals(committed(now)) && !committed(now).isEmpty()) {
                findings.add(new Finding("groups", Finding.Severity.ERROR, now.groupId(), lag + ", " + now.members()
                        + " member(s), but no offset was committed in " + options.sampleInterval().toSeconds() + " s",
                        "the consumers are stuck or failing before commit: check their logs, handler errors and"
                                + " max.poll.interval.ms; finflow groups describe " + now.groupId()));
            } else if (sampled && before != null && now.totalLag() > before.totalLag()) {
                findings.add(new Finding("groups", Finding.Severity.WARNING, now.groupId(), "lag growing from "
                        + before.totalLag() + " to " + now.totalLag() + " in " + options.sampleInterval().toSeconds()
                        + " s (" + lag + ")", "the consumers do not keep up: add instances (up to the partition"
                        + " count), check handler latency and retries; watch finflow groups lag " + now.groupId()));
            }
        }
        return result("groups", findings, findings.isEmpty() ? second.size() + " consumer group(s) keeping up"
                + (sampled ? " (2 samples " + options.sampleInterval().toSeconds() + " s apart)" : "")
                : findings.size() + " consumer group(s) behind");
    }

    private CheckResult deadLetters() {
        List<Finding> findings = new ArrayList<>();
        List<DlqTopicSummary> dlqs = new DlqService(admin, clientConfig, options.timeout()).list();
        for (DlqTopicSummary d : dlqs) {
            if (d.notReplayed() > 0) {
                findings.add(new Finding("dlq", Finding.Severity.WARNING, d.topic(), d.notReplayed()
                        + " dead letter record(s) not replayed (" + d.records() + " in the topic)",
                        "inspect with finflow dlq show " + d.topic() + ", fix the cause, then finflow dlq replay "
                                + d.topic() + " --execute"));
            }
        }
        return result("dlq", findings, findings.isEmpty() ? dlqs.size() + " dead letter topic(s), none waiting"
                : findings.size() + " dead letter topic(s) with records waiting");
    }

    private void pause() {
        try {
            Thread.sleep(options.sampleInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted between lag samples", e);
        }
    }

    private static Map<String, GroupLag> byId(List<GroupLag> lags) {
        Map<String, GroupLag> map = new TreeMap<>();
        lags.forEach(l -> map.put(l.groupId(), l));
        return map;
    }

    private static Map<String, Long> committed(GroupLag lag) {
        Map<String, Long> map = new HashMap<>();
        for (PartitionLag p : lag.partitions()) {
            if (p.committedOffset() != null) {
                map.put(p.topic() + "-" + p.partition(), p.committedOffset());
            }
        }
        return map;
    }

    private static CheckResult result(String check, List<Finding> findings, String summary) {
        List<Finding> shown = findings.size() > MAX_FINDINGS_PER_CHECK
                ? findings.subList(0, MAX_FINDINGS_PER_CHECK) : findings;
        String text = findings.size() > MAX_FINDINGS_PER_CHECK
                ? summary + " (first " + MAX_FINDINGS_PER_CHECK + " shown)" : summary;
        return new CheckResult(check, findings.isEmpty() ? CheckResult.Status.OK : CheckResult.Status.PROBLEMS, text,
                shown);
    }

    private static String ids(List<Node> nodes) {
        return nodes.stream().map(n -> String.valueOf(n.id())).toList().toString();
    }
}
