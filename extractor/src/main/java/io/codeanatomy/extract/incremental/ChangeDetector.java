package io.codeanatomy.extract.incremental;

import io.codeanatomy.extract.incremental.FileChanges.Rename;
import io.codeanatomy.extract.repo.ContentHash;
import io.codeanatomy.extract.repo.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a repository's source files with the {@code files} table by content hash.
 *
 * <p>A detector remembers each file's size, modification time and hash, so that a watcher polling
 * every second re-hashes only files whose size or time moved; a fresh detector hashes everything.
 */
public final class ChangeDetector {
  private final Map<Path, Fingerprint> seen = new HashMap<>();

  /**
   * A file is racily clean (git's term) when it was hashed within this long of its modification: a
   * second write in the same clock tick keeps size and time, so such hashes are not trusted.
   */
  private static final long RACY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

  private record Fingerprint(long size, long modifiedNanos, String hash, boolean trusted) {}

  /**
   * The changes that bring {@code stored} to {@code current}.
   *
   * @param current the repository's source files, in path order
   * @param stored the {@code files} table by path
   */
  public FileChanges detect(List<SourceFile> current, Map<String, StoredFile> stored) {
    List<SourceFile> added = new ArrayList<>();
    List<SourceFile> changed = new ArrayList<>();
    Map<String, SourceFile> currentByPath = new LinkedHashMap<>();
    int unchanged = 0;
    for (SourceFile file : current) {
      currentByPath.put(file.path(), file);
      StoredFile known = stored.get(file.path());
      String hash = hash(file.location());
      if (known == null) {
        added.add(file);
      } else if (hash == null
          || known.contentHash().isEmpty()
          || !hash.equals(known.contentHash())) {
        // An unreadable file is re-extracted each time; its rows come out the same, so no change.
        changed.add(file);
      } else {
        unchanged++;
      }
    }
    List<StoredFile> gone =
        stored.values().stream()
            .filter(f -> !currentByPath.containsKey(f.path()))
            .sorted(java.util.Comparator.comparing(StoredFile::path))
            .toList();
    return pairRenames(added, changed, gone, unchanged);
  }

  /**
   * Pairs gone paths with added paths of the same content, in path order, so a move is reported as
   * a rename; a content shared by several files pairs as many as it can, the rest stay additions
   * and deletions.
   */
  private FileChanges pairRenames(
      List<SourceFile> added, List<SourceFile> changed, List<StoredFile> gone, int unchanged) {
    Map<String, Deque<SourceFile>> addedByHash = new HashMap<>();
    for (SourceFile file : added) {
      String hash = hash(file.location());
      if (hash != null) {
        addedByHash.computeIfAbsent(hash, h -> new ArrayDeque<>()).add(file);
      }
    }
    List<Rename> renamed = new ArrayList<>();
    List<StoredFile> deleted = new ArrayList<>();
    for (StoredFile file : gone) {
      Deque<SourceFile> candidates = addedByHash.get(file.contentHash());
      if (!file.contentHash().isEmpty() && candidates != null && !candidates.isEmpty()) {
        renamed.add(new Rename(file, candidates.poll()));
      } else {
        deleted.add(file);
      }
    }
    List<SourceFile> stillAdded = new ArrayList<>(added);
    renamed.forEach(r -> stillAdded.remove(r.to()));
    return new FileChanges(stillAdded, changed, deleted, renamed, unchanged);
  }

  /** The content hash of a file, or null when it cannot be read. */
  private String hash(Path location) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(location, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return null;
      }
      long modified = attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
      Fingerprint known = seen.get(location);
      if (known != null
          && known.trusted()
          && known.size() == attributes.size()
          && known.modifiedNanos() == modified) {
        return known.hash();
      }
      long now = java.time.Instant.now().toEpochMilli() * 1_000_000;
      String hash = ContentHash.of(location);
      seen.put(
          location,
          new Fingerprint(attributes.size(), modified, hash, modified + RACY_NANOS < now));
      return hash;
    } catch (IOException e) {
      seen.remove(location);
      return null;
    }
  }
}
