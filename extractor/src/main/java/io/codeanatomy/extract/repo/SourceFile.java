package io.codeanatomy.extract.repo;

import java.nio.file.Path;

/** A {@code .py} file of the repository: where it is on disk and its repo-relative path. */
public record SourceFile(Path location, String path) {}
