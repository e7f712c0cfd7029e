package io.codeanatomy.extract.rows;

import java.util.List;

/**
 * Everything one file contributes, each list already sorted by byte start and id, each row in the
 * column order of its table's schema.
 */
public record FileRows(
    Object[] file,
    List<Object[]> parseErrors,
    List<Object[]> astNodes,
    List<Object[]> scopes,
    List<Object[]> defs,
    List<Object[]> calls,
    List<Object[]> imports,
    List<Object[]> symbols,
    List<Object[]> params,
    List<Object[]> nameRefs,
    List<Object[]> callArgs) {}
