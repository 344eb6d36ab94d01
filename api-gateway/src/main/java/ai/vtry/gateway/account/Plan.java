package ai.vtry.gateway.account;

import java.util.Arrays;
import java.util.Optional;

/** Subscription plans; a workspace has its owner's plan. */
public enum Plan {
    FREE("free", "Free"),
    PRO("pro", "Pro"),
    ULTRA("ultra", "Ultra");

    private final String id;
    private final String label;

    Plan(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<Plan> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
