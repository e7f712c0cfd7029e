package io.codeanatomy.delta.commit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One action of a Delta commit: a line of {@code _delta_log/<version>.json}. */
public sealed interface Action
    permits AddFile, RemoveFile, AddCdcFile, Metadata, Protocol, CommitInfo, SetTransaction {

  /** The action as the protocol spells it, wrapped in its action key (e.g. {@code {"add":…}}). */
  ObjectNode toJson(JsonNodeFactory json);
}
