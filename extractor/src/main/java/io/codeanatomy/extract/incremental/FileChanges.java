package io.codeanatomy.extract.incremental;

import io.codeanatomy.extract.repo.SourceFile;
import io.codeanatomy.udf.id.StableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a repository's source files differ from what the extraction tables hold.
 *
 * @param added paths the tables do not know
 * @param changed known paths whose content hash differs (or could not be read)
 * @param deleted known paths that are gone and were not renamed
 * @param renamed known paths that are gone while a new path has the same content
 * @param unchanged how many known paths have the same content
 */
public record FileChanges(
    List<SourceFile> added,
    List<SourceFile> changed,
    List<StoredFile> deleted,
    List<Rename> renamed,
    int unchanged) {

  /** A file that moved: its old rows go, the new path's rows come (ids derive from the path). */
  public record Rename(StoredFile from, SourceFile to) {}

  public FileChanges {
    added = List.copyOf(added);
    changed = List.copyOf(changed);
    deleted = List.copyOf(deleted);
    renamed = List.copyOf(renamed);
  }

  /** True when the tables already hold this repository. */
  public boolean isEmpty() {
    return added.isEmpty() && changed.isEmpty() && deleted.isEmpty() && renamed.isEmpty();
  }

  /** How many files the change adds, changes, deletes or renames. */
  public int touched() {
    return added.size() + changed.size() + deleted.size() + renamed.size();
  }

  /** The files to parse: everything added, changed or renamed, in path order. */
  public List<SourceFile> toExtract() {
    List<SourceFile> files = new ArrayList<>(added);
    files.addAll(changed);
    renamed.forEach(r -> files.add(r.to()));
    files.sort(java.util.Comparator.comparing(SourceFile::path));
    return files;
  }

  /** The {@code file_id}s whose rows this change replaces: old and new paths alike. */
  public Set<String> replacedFileIds() {
    Set<String> ids = new TreeSet<>();
    toExtract().forEach(f -> ids.add(StableId.fileId(f.path())));
    deleted.forEach(f -> ids.add(f.fileId()));
    renamed.forEach(r -> ids.add(r.from().fileId()));
    return ids;
  }

  /** One line for a terminal: {@code +2 ~1 -0 >1 (=27)}. */
  public String describe() {
    return "+"
        + added.size()
        + " added, ~"
        + changed.size()
        + " changed, -"
        + deleted.size()
        + " deleted, >"
        + renamed.size()
        + " renamed, ="
        + unchanged
        + " unchanged";
  }
}
