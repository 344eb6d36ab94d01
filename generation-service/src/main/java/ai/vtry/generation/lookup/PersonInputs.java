package ai.vtry.generation.lookup;

/** person-service's {@code GET /internal/persons/{id}}: compositeKey is null until the person is composed. */
public record PersonInputs(String id, String name, String compositeKey) {
}
