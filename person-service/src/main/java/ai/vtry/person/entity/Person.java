package ai.vtry.person.entity;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person of a workspace. The name is a slug, unique in the workspace, and part of the storage
 * keys of the person's reference images; the composite is the 1x3 identity sheet made from them.
 */
@Entity
@Table(name = "persons")
public class Person {

    /** How many reference images a person may have. */
    public static final int MAX_IMAGES = 3;

    @Id
    private String id;
    @Column(name = "workspace_id")
    private String workspaceId;
    private String name;
    @Column(name = "composite_key")
    private String compositeKey;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Person() {
    }

    public Person(String id, String workspaceId, String name, Instant now) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.name = name;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void rename(String newName, Instant now) {
        name = newName;
        updatedAt = now;
    }

    /** The composite a finished compose job produced. */
    public void useComposite(String key, Instant now) {
        compositeKey = key;
        updatedAt = now;
    }

    /** Where this person's reference images live: {@code persons/{workspaceId}/{name}/}. */
    public String storagePrefix() {
        return storagePrefix(workspaceId, name);
    }

    public static String storagePrefix(String workspaceId, String name) {
        return "persons/" + workspaceId + "/" + name + "/";
    }

    public String getId() {
        return id;
    }

    public String getWorkspaceId() {
        return workspaceId;
    }

    public String getName() {
        return name;
    }

    public String getCompositeKey() {
        return compositeKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Person other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
