/** Finding the Python files of a repository and naming their modules. Internal to the extractor. */
package io.codeanatomy.extract.repo;
