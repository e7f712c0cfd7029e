package io.codeanatomy.sink.fault;

import java.io.Serializable;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a job under test fails, drawn from a seed: after the n-th record through the pipeline,
 * after the n-th staged change file was written (its checkpoint not yet complete), and on the n-th
 * commit call of the committer — once before committing (the checkpoint is complete, the Delta
 * version not yet written) and once right after (the version is in the table, Flink does not know
 * it).
 *
 * <p>Counters live in static memory shared by all attempts of the job in the MiniCluster's JVM, so
 * each point fires exactly once however often the job restarts. Each plan has its own counters.
 */
public record FaultPlan(
    String name,
    Set<Long> failAfterRecords,
    long failAfterStagedFile,
    long failBeforeCommitCall,
    long failAfterCommitCall)
    implements Serializable {

  private static final Map<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

  /** A plan for a changelog of {@code records} changes committed over many checkpoints. */
  public static FaultPlan draw(long seed, long records) {
    Random random = new Random(seed);
    Set<Long> recordFaults = new TreeSet<>();
    while (recordFaults.size() < 2) {
      recordFaults.add(1 + (long) (random.nextDouble() * (records - 1)));
    }
    long beforeCommit = 2 + random.nextInt(8);
    long afterCommit;
    do {
      afterCommit = 2 + random.nextInt(8);
    } while (afterCommit == beforeCommit);
    return new FaultPlan(
        "seed-" + seed + "-" + System.nanoTime(),
        recordFaults,
        2 + random.nextInt(12),
        beforeCommit,
        afterCommit);
  }

  /** How many faults the plan injects in all. */
  public int faults() {
    return failAfterRecords.size() + 3;
  }

  /** How many faults fired so far. */
  public long fired() {
    return counter("fired").get();
  }

  void onRecord() {
    if (failAfterRecords.contains(counter("records").incrementAndGet())) {
      fail("after record " + counter("records").get());
    }
  }

  void onStagedFile() {
    if (counter("staged").incrementAndGet() == failAfterStagedFile) {
      fail("after staged file " + failAfterStagedFile + ", before its checkpoint completed");
    }
  }

  /** Returns the number of this commit call. */
  long beforeCommit() {
    long call = counter("commits").incrementAndGet();
    if (call == failBeforeCommitCall) {
      fail("on commit call " + call + ", before committing");
    }
    return call;
  }

  void afterCommit(long call) {
    if (call == failAfterCommitCall) {
      fail("on commit call " + call + ", after committing");
    }
  }

  private void fail(String where) {
    counter("fired").incrementAndGet();
    throw new InjectedFault("injected fault (" + name + ") " + where);
  }

  private AtomicLong counter(String what) {
    return COUNTERS.computeIfAbsent(name + "/" + what, k -> new AtomicLong());
  }

  /** What the plan throws; Flink's restart strategy recovers from it. */
  public static final class InjectedFault extends RuntimeException {
    InjectedFault(String message) {
      super(message);
    }
  }
}
