package io.finflow.kafka.ops.acls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.finflow.kafka.ops.OpsException;

/**
 * ACLs as code: {@code config/acls.yaml}, every FinFlow service as a principal with the topics it produces
 * and consumes, its groups and its transactional ids. {@link AclPlanner} derives the Kafka ACLs from it.
 *
 * <pre>{@code
 * principals:
 *   - user: accounting-service
 *     consumes: [transaction-events]
 *     groups: [accounting-service-group]
 *     produces: [account-balances, notification-events, system-events]
 *     transactionalIdPrefix: accounting-service
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class AclCatalog {

    /** Classpath location of the bundled file. */
    public static final String CLASSPATH_LOCATION = "finflow/config/acls.yaml";
    /** The file looked for in the current folder by the CLI. */
    public static final String DEFAULT_FILE = "config/acls.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<ServiceAccess> principals;
    private final String source;

    private AclCatalog(List<ServiceAccess> principals, String source) {
        this.principals = List.copyOf(principals);
        this.source = source;
    }

    /** A catalog of these principals, e.g. for tests. */
    public static AclCatalog of(List<ServiceAccess> principals, String source) {
        return validated(principals, source);
    }

    /** The catalog bundled with FinFlow. */
    public static AclCatalog fromClasspath() {
        try (InputStream in = AclCatalog.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
            if (in == null) {
                throw new OpsException("the ACL catalog " + CLASSPATH_LOCATION + " is not on the classpath");
            }
            return parse(in, "bundled acls.yaml");
        } catch (IOException e) {
            throw new OpsException("could not read classpath:" + CLASSPATH_LOCATION + ": " + e.getMessage(), e);
        }
    }

    /** Loads an ACL catalog file. */
    public static AclCatalog load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new OpsException("ACL catalog file " + file + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new OpsException("could not read ACL catalog " + file + ": " + oneLine(e.getMessage()), e);
        }
    }

    private static AclCatalog parse(InputStream in, String source) throws IOException {
        File file = YAML.readValue(in, File.class);
        if (file == null || file.principals == null || file.principals.isEmpty()) {
            throw new OpsException("no principals in " + source);
        }
        List<ServiceAccess> principals = new ArrayList<>();
        for (Entry e : file.principals) {
            try {
                principals.add(new ServiceAccess(e.user, e.description, e.produces, e.consumes, e.groups,
                        e.idempotent == null || e.idempotent, e.transactionalIdPrefix));
            } catch (IllegalArgumentException ex) {
                throw new OpsException(ex.getMessage() + " in " + source, ex);
            }
        }
        return validated(principals, source);
    }

    private static AclCatalog validated(List<ServiceAccess> principals, String source) {
        Set<String> seen = new HashSet<>();
        for (ServiceAccess p : principals) {
            if (!seen.add(p.user())) {
                throw new OpsException("user '" + p.user() + "' is listed twice in " + source);
            }
        }
        return new AclCatalog(principals, source);
    }

    /** Every principal, in file order. */
    public List<ServiceAccess> principals() {
        return principals;
    }

    /** The principal of this user, if listed. */
    public Optional<ServiceAccess> find(String user) {
        return principals.stream().filter(p -> p.user().equals(user)).findFirst();
    }

    /** Where the catalog came from: a file path or {@code bundled acls.yaml}. */
    public String source() {
        return source;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ");
    }

    /** The YAML document. */
    static final class File {
        public List<Entry> principals;
    }

    /** One principal in the YAML document. */
    static final class Entry {
        public String user;
        public String description;
        public List<String> produces;
        public List<String> consumes;
        public List<String> groups;
        public Boolean idempotent;
        public String transactionalIdPrefix;
    }
}
