package io.finflow.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderedDispatcherTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void shutdown() {
        workers.shutdownNow();
        later.shutdownNow();
    }

    @Test
    void tasksOfOneLaneRunInSubmissionOrderEvenWhenTheyFinishAsynchronously() {
        OrderedDispatcher dispatcher = new OrderedDispatcher(workers);
        Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        AtomicInteger concurrentInLane = new AtomicInteger();
        AtomicInteger maxConcurrentInLane = new AtomicInteger();
        int lanes = 20;
        int perLane = 50;
        for (int i = 0; i < perLane; i++) {
            for (int lane = 0; lane < lanes; lane++) {
                int laneId = lane;
                int seq = i;
                dispatcher.submit(laneId, done -> {
                    if (laneId == 0) {
                        maxConcurrentInLane.accumulateAndGet(concurrentInLane.incrementAndGet(), Math::max);
                    }
                    seen.computeIfAbsent(laneId, k -> Collections.synchronizedList(new ArrayList<>())).add(seq);
                    Runnable finish = () -> {
                        if (laneId == 0) {
                            concurrentInLane.decrementAndGet();
                        }
                        done.run();
                    };
                    if (seq % 7 == 0) {
                        later.schedule(finish, 1, TimeUnit.MILLISECONDS); // finishes on another thread
                    } else {
                        finish.run();
                    }
                });
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.activeLanes() == 0
                && seen.values().stream().mapToInt(List::size).sum() == lanes * perLane);
        for (List<Integer> order : seen.values()) {
            assertThat(order).isSorted().hasSize(perLane);
        }
        assertThat(maxConcurrentInLane.get()).as("one task at a time per lane").isEqualTo(1);
    }

    @Test
    void differentLanesRunInParallel() {
        OrderedDispatcher dispatcher = new OrderedDispatcher(workers);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        for (int lane = 0; lane < 4; lane++) {
            dispatcher.submit(lane, done -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                done.run();
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> maxRunning.get() == 4);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.activeLanes() == 0);
    }

    @Test
    void aBatchIsHandedToTheWorkersInAtMostParallelismChunksAndKeepsEachLaneInOrder() {
        AtomicInteger handOffs = new AtomicInteger();
        java.util.concurrent.Executor counting = task -> {
            handOffs.incrementAndGet();
            workers.execute(task);
        };
        OrderedDispatcher dispatcher = new OrderedDispatcher(counting, 4);
        Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        OrderedDispatcher.Batch batch = dispatcher.batch();
        int records = 500;
        for (int i = 0; i < records; i++) {
            int lane = i % 37;
            int seq = i;
            batch.add(lane, done -> {
                seen.computeIfAbsent(lane, k -> Collections.synchronizedList(new ArrayList<>())).add(seq);
                done.run();
            });
        }
        batch.submit();

        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.activeLanes() == 0
                && seen.values().stream().mapToInt(List::size).sum() == records);
        seen.values().forEach(order -> assertThat(order).isSorted());
        assertThat(handOffs.get()).as("one hand-off per chunk, not per task").isEqualTo(4);
    }

    @Test
    void aLaneWhoseTaskFinishesLaterOnAnotherThreadContinuesInOrder() {
        OrderedDispatcher dispatcher = new OrderedDispatcher(workers, 2);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        OrderedDispatcher.Batch batch = dispatcher.batch();
        for (int i = 0; i < 30; i++) {
            int seq = i;
            batch.add("one-lane", done -> {
                seen.add(seq);
                if (seq % 5 == 0) {
                    later.schedule(done, 2, TimeUnit.MILLISECONDS); // like a retry: finishes on another thread
                } else {
                    done.run();
                }
            });
        }
        batch.submit();

        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.activeLanes() == 0 && seen.size() == 30);
        assertThat(seen).isSorted().hasSize(30);
    }
}
