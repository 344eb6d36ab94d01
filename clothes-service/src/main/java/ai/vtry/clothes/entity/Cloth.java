package ai.vtry.clothes.entity;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One garment of a workspace's clothes library: a stored image under {@code clothes/{workspaceId}/},
 * the page it came from, and the job that produced it (a direct upload or an extraction).
 */
@Entity
@Table(name = "clothes")
public class Cloth {

    @Id
    private String id;
    @Column(name = "workspace_id")
    private String workspaceId;
    @Column(name = "image_key")
    private String imageKey;
    @Column(name = "source_url")
    private String sourceUrl;
    @Column(name = "job_id")
    private String jobId;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Cloth() {
    }

    public Cloth(String id, String workspaceId, String imageKey, String sourceUrl, String jobId, Instant createdAt) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.imageKey = imageKey;
        this.sourceUrl = sourceUrl;
        this.jobId = jobId;
        this.createdAt = createdAt;
    }

    /** Where a workspace's clothes live: {@code clothes/{workspaceId}/}. */
    public static String storagePrefix(String workspaceId) {
        return "clothes/" + workspaceId + "/";
    }

    public String getId() {
        return id;
    }

    public String getWorkspaceId() {
        return workspaceId;
    }

    public String getImageKey() {
        return imageKey;
    }

    public String getSourceUrl() {
        return sourceUrl;
    }

    public String getJobId() {
        return jobId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cloth other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
