package io.codeanatomy.delta.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The row changes of a commit without {@code cdc} files, derived from its {@code remove} and {@code
 * add} actions that change data, as Delta's change feed defines them with deletion vectors:
 *
 * <ul>
 *   <li>a removed file that is not re-added: its live rows are deleted;
 *   <li>an added file that was not removed: its live rows are inserted;
 *   <li>a file removed and re-added with another deletion vector (a DELETE, UPDATE or MERGE that
 *       only marks rows deleted): the rows the new vector deletes and the old one did not are
 *       deleted, and the rows the old vector deleted and the new one does not (a RESTORE) are
 *       inserted. Its other rows did not change.
 * </ul>
 *
 * Both lists are in path order.
 */
public record DerivedChanges(List<FileRows> deleted, List<FileRows> inserted) {

  /**
   * @param removed the live rows of each removed file, as {@link FileRows#live}
   * @param added the live rows of each added file, as {@link FileRows#live}
   */
  public static DerivedChanges of(List<FileRows> removed, List<FileRows> added) {
    Map<String, FileRows> addedByPath = new LinkedHashMap<>();
    for (FileRows add : added) {
      addedByPath.put(add.path(), add);
    }
    List<FileRows> deleted = new ArrayList<>();
    List<FileRows> inserted = new ArrayList<>();
    for (FileRows remove : removed) {
      FileRows readded = addedByPath.remove(remove.path());
      if (readded == null) {
        deleted.add(remove);
        continue;
      }
      DeletionVector before = remove.notDeletedBy();
      DeletionVector after = readded.notDeletedBy();
      if (Objects.equals(before, after)) {
        continue; // re-added as it was: no row changed
      }
      if (after != null) {
        deleted.add(new FileRows(remove.path(), remove.size(), after, before));
      }
      if (before != null) {
        inserted.add(new FileRows(readded.path(), readded.size(), before, after));
      }
    }
    inserted.addAll(addedByPath.values());
    deleted.sort(Comparator.comparing(FileRows::path));
    inserted.sort(Comparator.comparing(FileRows::path));
    return new DerivedChanges(List.copyOf(deleted), List.copyOf(inserted));
  }
}
