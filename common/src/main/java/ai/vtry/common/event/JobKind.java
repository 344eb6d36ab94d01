package ai.vtry.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a job does. Each kind that needs a worker has its own request topic, so workers of one kind
 * can be scaled and throttled apart from the others.
 */
public enum JobKind {
    @JsonProperty("person-compose")
    PERSON_COMPOSE("person-compose", Topics.COMPOSE_REQUESTS, false),
    @JsonProperty("clothes-upload")
    CLOTHES_UPLOAD("clothes-upload", null, false),
    @JsonProperty("clothes-extract")
    CLOTHES_EXTRACT("clothes-extract", Topics.EXTRACT_REQUESTS, false),
    @JsonProperty("generation")
    GENERATION("generation", Topics.GENERATION_REQUESTS, true),
    @JsonProperty("edit")
    EDIT("edit", Topics.EDIT_REQUESTS, true);

    private final String wireName;
    private final String requestTopic;
    private final boolean galleryImage;

    JobKind(String wireName, String requestTopic, boolean galleryImage) {
        this.wireName = wireName;
        this.requestTopic = requestTopic;
        this.galleryImage = galleryImage;
    }

    /** The name in JSON, events and the database. */
    public String wireName() {
        return wireName;
    }

    /** The topic a worker consumes for this kind, or null when no worker is involved. */
    public String requestTopic() {
        return requestTopic;
    }

    /** Whether the job's image belongs in the image history ({@code kind=images}). */
    public boolean galleryImage() {
        return galleryImage;
    }

    public static JobKind fromWireName(String name) {
        for (JobKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown job kind " + name);
    }
}
