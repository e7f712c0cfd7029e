package io.codeanatomy.sink.fault;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a job under test fails, drawn from a seed: after the n-th record through the pipeline,
 * after the n-th staged change file was written (its checkpoint not yet complete), and on the n-th
 * commit call of the committer — once before committing (the checkpoint is complete, the Delta
 * version not yet written) and once right after (the version is in the table, Flink does not know
 * it).
 *
 * <p>Counters live in static memory shared by all attempts of the job in the MiniCluster's JVM, so
 * each fault fires exactly once however often the job restarts: at its point, or at the next
 * opportunity when the job was being cancelled there already. Each plan has its own counters.
 */
public record FaultPlan(
    String name,
    Set<Long> failAfterRecords,
    long failAfterStagedFile,
    long failBeforeCommitCall,
    long failAfterCommitCall)
    implements Serializable {

  private static final Map<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();
  private static final Map<String, List<String>> FIRED = new ConcurrentHashMap<>();

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

  /** The plan and how far the job got: records, staged files and commit calls seen. */
  public String progress() {
    return this
        + " after "
        + counter("records").get()
        + " records, "
        + counter("staged").get()
        + " staged files, "
        + counter("commits").get()
        + " commit calls; fired "
        + FIRED.getOrDefault(name, List.of());
  }

  void onRecord() {
    long record = counter("records").incrementAndGet();
    for (long threshold : failAfterRecords) {
      if (due("record " + threshold, record, threshold)) {
        fail("after record " + record);
      }
    }
  }

  void onStagedFile() {
    long staged = counter("staged").incrementAndGet();
    if (due("staged", staged, failAfterStagedFile)) {
      fail("after staged file " + staged + ", before its checkpoint completed");
    }
  }

  /** Returns the number of this commit call. */
  long beforeCommit() {
    long call = counter("commits").incrementAndGet();
    if (due("before commit", call, failBeforeCommitCall)) {
      fail("on commit call " + call + ", before committing");
    }
    return call;
  }

  void afterCommit(long call) {
    if (due("after commit", call, failAfterCommitCall)) {
      fail("on commit call " + call + ", after committing");
    }
  }

  /**
   * True once, for the first {@code count} at or past {@code threshold}: a point reached while the
   * job was already being cancelled for another fault (its commit interrupted, say) fires at the
   * next opportunity instead of being lost.
   */
  private boolean due(String fault, long count, long threshold) {
    return count >= threshold && counter("done " + fault).compareAndSet(0, 1);
  }

  private void fail(String where) {
    counter("fired").incrementAndGet();
    FIRED.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(where);
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
