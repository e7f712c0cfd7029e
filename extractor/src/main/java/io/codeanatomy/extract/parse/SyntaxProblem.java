package io.codeanatomy.extract.parse;

/** One reason a file does not parse, with its byte span. */
public record SyntaxProblem(String message, int bstart, int bend) {}
