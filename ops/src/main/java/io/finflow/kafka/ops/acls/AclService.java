package io.finflow.kafka.ops.acls;

import static io.finflow.kafka.ops.internal.KafkaCalls.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.finflow.kafka.catalog.TopicCatalog;
import io.finflow.kafka.ops.OpsException;
import io.finflow.kafka.ops.internal.KafkaCalls;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/**
 * ACLs as code: compares the ACLs derived from an {@link AclCatalog} ({@link AclPlanner}) with the
 * cluster's and converges them. Only the catalog's principals are compared; ACLs of other principals are
 * never read into a plan nor deleted. Nothing is deleted unless the plan was made with allow-delete.
 *
 * <pre>{@code
 * AclService acls = new AclService(admin, Duration.ofSeconds(10));
 * AclPlan plan = acls.plan(AclCatalog.fromClasspath(), TopicCatalog.fromClasspath("prod"), false);
 * acls.apply(plan);   // returns once the brokers serve the new ACLs
 * }</pre>
 *
 * Needs an admin (DESCRIBE and ALTER on the cluster). Does not close the {@code Admin}.
 */
public final class AclService {

    private static final long VISIBLE_POLL_MS = 100;

    private final Admin admin;
    private final Duration timeout;

    /** A service whose calls may take {@code timeout} each. */
    public AclService(Admin admin, Duration timeout) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.timeout = KafkaCalls.requirePositive(timeout);
    }

    /**
     * The plan: grants for desired ACLs missing on the cluster, then, for ACLs of managed principals that the
     * catalog does not ask for, revokes (with {@code allowDelete}) or extras kept.
     *
     * @throws OpsException when the catalog names an unknown topic or Kafka cannot answer (no authorizer,
     *                      not an admin, unreachable)
     */
    public AclPlan plan(AclCatalog acls, TopicCatalog topics, boolean allowDelete) {
        List<AclRule> desired = AclPlanner.desired(acls, topics);
        Set<AclBinding> wanted = desired.stream().map(AclRule::binding).collect(Collectors.toSet());
        Set<AclBinding> current = current(acls.principals().stream().map(ServiceAccess::principal).toList());
        List<AclAction> actions = new ArrayList<>();
        for (AclRule rule : desired) {
            if (!current.contains(rule.binding())) {
                actions.add(new AclAction(AclAction.Type.GRANT, rule));
            }
        }
        for (AclBinding binding : current) {
            if (!wanted.contains(binding)) {
                actions.add(new AclAction(allowDelete ? AclAction.Type.REVOKE : AclAction.Type.EXTRA,
                        new AclRule(binding, "on the cluster, not in " + acls.source())));
            }
        }
        return new AclPlan(acls.source(), actions);
    }

    /**
     * Creates the plan's grants and deletes its revokes, then waits until the brokers serve the result
     * (ACLs travel through the metadata log). Extras are kept.
     *
     * @return the actions carried out
     * @throws OpsException when Kafka refuses a change or does not show it within the timeout
     */
    public List<AclAction> apply(AclPlan plan) {
        List<AclAction> grants = plan.ofType(AclAction.Type.GRANT);
        List<AclAction> revokes = plan.ofType(AclAction.Type.REVOKE);
        if (!grants.isEmpty()) {
            await(admin.createAcls(grants.stream().map(AclAction::binding).toList()).all(), timeout,
                    "create " + grants.size() + " ACL(s)");
        }
        if (!revokes.isEmpty()) {
            await(admin.deleteAcls(revokes.stream().map(a -> a.binding().toFilter()).toList()).all(), timeout,
                    "delete " + revokes.size() + " ACL(s)");
        }
        Set<String> principals = new LinkedHashSet<>();
        plan.actions().forEach(a -> principals.add(a.principal()));
        awaitVisible(principals, grants.stream().map(AclAction::binding).collect(Collectors.toSet()),
                revokes.stream().map(AclAction::binding).collect(Collectors.toSet()));
        List<AclAction> done = new ArrayList<>(grants);
        done.addAll(revokes);
        return done;
    }

    /** The ACLs of these principals on the cluster. */
    public Set<AclBinding> current(Collection<String> principals) {
        Set<AclBinding> all = new HashSet<>();
        for (String principal : principals) {
            AclBindingFilter filter = new AclBindingFilter(ResourcePatternFilter.ANY,
                    new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
            all.addAll(await(admin.describeAcls(filter).values(), timeout, "describe the ACLs of " + principal));
        }
        return all;
    }

    private void awaitVisible(Set<String> principals, Set<AclBinding> created, Set<AclBinding> deleted) {
        if (created.isEmpty() && deleted.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<AclBinding> now = current(principals);
            if (now.containsAll(created) && deleted.stream().noneMatch(now::contains)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new OpsException("the ACL changes were accepted but the brokers did not serve them within "
                        + timeout.toSeconds() + " s; run finflow acls plan to see the state");
            }
            try {
                Thread.sleep(VISIBLE_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpsException("interrupted while waiting for the ACL changes", e);
            }
        }
    }

    /** Counts of a plan's actions by type, for summaries. */
    public static Map<AclAction.Type, Long> counts(AclPlan plan) {
        return plan.actions().stream().collect(Collectors.groupingBy(AclAction::type, Collectors.counting()));
    }
}
