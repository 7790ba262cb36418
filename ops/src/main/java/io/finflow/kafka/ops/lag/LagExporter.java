package io.finflow.kafka.ops.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer lag of every group (or the selected ones), sampled on a fixed interval: offset lag, time lag
 * estimated from sampled log end offsets, and a Burrow-style status per partition and per group.
 * {@link #collector()} serves the latest report to Prometheus.
 *
 * <pre>{@code
 * try (Admin admin = Admin.create(props);
 *      LagExporter exporter = LagExporter.start(admin, LagExporterOptions.defaults())) {
 *     registry.getPrometheusRegistry().register(exporter.collector());
 *     ...
 * }
 * }</pre>
 *
 * <p>Each sample costs a fixed number of Admin round trips ({@link OffsetSampler}), whatever the number of
 * groups; partitions seen for the first time with a lagging group are seeded once with {@code listOffsets}
 * by timestamp so that a group far behind gets a realistic time lag at once. No record is read. A failed
 * sample (Kafka unreachable) is logged and the previous report stays until the next one succeeds. One
 * daemon thread samples; {@link #close()} stops it. Does not close the {@code Admin}.
 */
public final class LagExporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LagExporter.class);

    /** How far back a new partition's time lag history is seeded from (listOffsets by timestamp). */
    static final List<Duration> SEED_AGES = List.of(Duration.ofMinutes(1), Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7));

    private final OffsetSampler sampler;
    private final LagMonitor monitor;
    private final LagExporterOptions options;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private volatile LagReport latest = LagReport.EMPTY;
    private volatile Throwable lastFailure;

    private LagExporter(Admin admin, LagExporterOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.sampler = new OffsetSampler(admin, options::selects, options.timeout(), clock);
        this.monitor = new LagMonitor(options.window(), options.timelinePoints());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "finflow-lag-exporter");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling at once, then every {@link LagExporterOptions#interval()}. */
    public static LagExporter start(Admin admin, LagExporterOptions options) {
        return start(admin, options, Clock.systemUTC());
    }

    /** Like {@link #start(Admin, LagExporterOptions)}, with the clock time lag is measured against. */
    public static LagExporter start(Admin admin, LagExporterOptions options, Clock clock) {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(options, "options");
        LagExporter exporter = new LagExporter(admin, options, Objects.requireNonNull(clock, "clock"));
        exporter.scheduler.scheduleWithFixedDelay(exporter::sampleQuietly, 0, options.interval().toMillis(),
                TimeUnit.MILLISECONDS);
        return exporter;
    }

    private void sampleQuietly() {
        try {
            OffsetSample sample = sampler.sample();
            Map<TopicPartition, Long> unseeded = monitor.unseeded(sample);
            if (!unseeded.isEmpty()) {
                Instant now = clock.instant();
                monitor.seed(sampler.logEndsAt(unseeded, SEED_AGES.stream().map(now::minus).toList()));
            }
            latest = monitor.update(sample);
            lastFailure = null;
        } catch (RuntimeException e) {
            if (lastFailure == null) {
                log.warn("lag sample failed, keeping the previous one: {}", e.getMessage());
            } else {
                log.debug("lag sample failed again: {}", e.getMessage());
            }
            lastFailure = e;
        }
    }

    /** The latest report; {@link LagReport#EMPTY} before the first sample succeeded. */
    public LagReport latest() {
        return latest;
    }

    /** Why the last sample failed, or null when it succeeded. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    /** The options in use. */
    public LagExporterOptions options() {
        return options;
    }

    /** A Prometheus collector of {@link #latest()} (see {@link LagMetricNames}). */
    public LagCollector collector() {
        return new LagCollector(this::latest, options.clusterName());
    }

    /** Stops sampling and waits (briefly) for a sample in progress. Idempotent. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
