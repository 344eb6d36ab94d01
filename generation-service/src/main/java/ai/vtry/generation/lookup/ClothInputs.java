package ai.vtry.generation.lookup;

import java.util.List;

/** One cloth of clothes-service's {@code GET /internal/clothes?ids=}. */
public record ClothInputs(String id, String imageKey, String sourceUrl) {

    /** The answer's body: only the caller's clothes among the ids asked for. */
    public record Found(List<ClothInputs> clothes) {
    }
}
