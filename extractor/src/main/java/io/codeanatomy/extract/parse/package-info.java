/**
 * Parsing Python with tree-sitter into a plain-Java mirror of the syntax tree. Internal to the
 * extractor: every JNI call lives here, so the analysis downstream is pure Java.
 */
package io.codeanatomy.extract.parse;
