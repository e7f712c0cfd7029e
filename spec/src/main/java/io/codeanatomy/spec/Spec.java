package io.codeanatomy.spec;

import static io.codeanatomy.spec.MissingFieldException.orEmpty;
import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.codeanatomy.spec.view.ViewSpec;
import java.util.List;
import java.util.Optional;

/**
 * A semantic spec: the extraction {@code inputs} it reads, the {@code views} it defines over them,
 * and the {@code outputs} it materialises. {@code version} is the spec's own revision, part of its
 * hash; {@code parameters} declares the typed positional parameters expressions read as {@code
 * {param: n}}. Build one with {@link SpecLoader}; {@link SpecValidator} checks references and
 * columns.
 */
public record Spec(
    String name,
    Integer version,
    List<InputSpec> inputs,
    List<ViewSpec> views,
    List<OutputSpec> outputs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ParameterSpec> parameters) {
  public Spec {
    require(name, "name");
    require(version, "version");
    inputs = orEmpty(inputs);
    views = orEmpty(views);
    outputs = orEmpty(outputs);
    parameters = orEmpty(parameters);
  }

  public Optional<InputSpec> input(String inputName) {
    return inputs.stream().filter(i -> i.name().equals(inputName)).findFirst();
  }

  public Optional<ViewSpec> view(String viewName) {
    return views.stream().filter(v -> v.name().equals(viewName)).findFirst();
  }
}
