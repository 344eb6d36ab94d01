package ai.vtry.client.model;

/** A person named in an answer: its id and normalized name. */
public record PersonRef(String id, String name) {
}
