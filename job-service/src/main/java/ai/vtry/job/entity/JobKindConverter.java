package ai.vtry.job.entity;

import ai.vtry.common.event.JobKind;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a kind by its wire name ({@code person-compose}), the same word the events use. */
@Converter
public class JobKindConverter implements AttributeConverter<JobKind, String> {

    @Override
    public String convertToDatabaseColumn(JobKind kind) {
        return kind == null ? null : kind.wireName();
    }

    @Override
    public JobKind convertToEntityAttribute(String name) {
        return name == null ? null : JobKind.fromWireName(name);
    }
}
