package io.codeanatomy.extract.incremental;

/** A source file as the {@code files} table last recorded it. */
public record StoredFile(String fileId, String path, String contentHash) {}
