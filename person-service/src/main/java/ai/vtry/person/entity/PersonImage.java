package ai.vtry.person.entity;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One reference image of a person, identified by its storage key; position orders the set. */
@Entity
@Table(name = "person_images")
public class PersonImage {

    // "key" is a function name in HQL, so the attribute has another name than the column.
    @Id
    @Column(name = "key")
    private String objectKey;
    @Column(name = "person_id")
    private String personId;
    @Column(name = "file_name")
    private String fileName;
    @Column(name = "content_type")
    private String contentType;
    private long size;
    private int position;
    @Column(name = "created_at")
    private Instant createdAt;

    protected PersonImage() {
    }

    public PersonImage(String objectKey, String personId, String fileName, String contentType, long size, int position,
            Instant now) {
        this.objectKey = objectKey;
        this.personId = personId;
        this.fileName = fileName;
        this.contentType = contentType;
        this.size = size;
        this.position = position;
        this.createdAt = now;
    }

    public String getObjectKey() {
        return objectKey;
    }

    public String getPersonId() {
        return personId;
    }

    public String getFileName() {
        return fileName;
    }

    public String getContentType() {
        return contentType;
    }

    public long getSize() {
        return size;
    }

    public int getPosition() {
        return position;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonImage other && Objects.equals(objectKey, other.objectKey);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(objectKey);
    }
}
