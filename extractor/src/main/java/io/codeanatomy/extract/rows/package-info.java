/** Turning one parsed file into rows of the extraction tables. Internal to the extractor. */
package io.codeanatomy.extract.rows;
