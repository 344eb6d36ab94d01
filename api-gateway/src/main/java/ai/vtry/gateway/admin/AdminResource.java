package ai.vtry.gateway.admin;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import ai.vtry.common.error.FieldErrors;
import ai.vtry.gateway.account.Account;
import ai.vtry.gateway.account.NewAccount;
import ai.vtry.gateway.account.Plan;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The operator's API: accounts, workspace members, plans and keys. Guarded by {@link AdminGuard}. */
@Path("/admin/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    private static final String PLANS = "free, pro, ultra";

    public record CreateAccount(String email, String plan) {
    }

    public record AddMember(String email) {
    }

    public record ChangePlan(String plan) {
    }

    /** An account as the operator sees it; ownerEmail is null for a workspace owner. */
    public record AccountView(String userId, String email, String planId, String workspaceId, String ownerEmail,
            Instant createdAt) {
        static AccountView of(Account a) {
            return new AccountView(a.userId(), a.email(), a.planId(), a.workspaceId(),
                    a.isWorkspaceOwner() ? null : a.ownerEmail(), a.createdAt());
        }
    }

    public record Created(AccountView account, String apiKey) {
        static Created of(NewAccount created) {
            return new Created(AccountView.of(created.account()), created.apiKey());
        }
    }

    public record AccountEnvelope(AccountView account) {
    }

    public record Accounts(List<AccountView> accounts) {
    }

    public record Key(String apiKey) {
    }

    public record Revoked(int revoked) {
    }

    private final AccountService accounts;

    public AdminResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(CreateAccount body) {
        FieldErrors errors = new FieldErrors();
        String email = validEmail(body == null ? null : body.email(), errors);
        String planId = body == null || body.plan() == null ? Plan.FREE.id() : body.plan();
        Plan plan = Plan.fromId(planId).orElse(null);
        if (plan == null) {
            errors.add("plan", "plan must be one of " + PLANS);
        }
        errors.throwIfAny();
        return accounts.createOwner(email, plan).map(AdminResource::created);
    }

    @GET
    public Uni<Accounts> list() {
        return accounts.list().map(all -> new Accounts(all.stream().map(AccountView::of).toList()));
    }

    @POST
    @Path("{email}/key:rotate")
    public Uni<Key> rotateKey(@PathParam("email") String email) {
        return accounts.rotateKey(normalize(email)).map(Key::new);
    }

    @POST
    @Path("{email}/key:revoke")
    public Uni<Revoked> revokeKeys(@PathParam("email") String email) {
        return accounts.revokeKeys(normalize(email)).map(Revoked::new);
    }

    @PUT
    @Path("{email}/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<AccountEnvelope> changePlan(@PathParam("email") String email, ChangePlan body) {
        Plan plan = body == null || body.plan() == null ? null : Plan.fromId(body.plan()).orElse(null);
        if (plan == null) {
            new FieldErrors().add("plan", "plan must be one of " + PLANS).throwIfAny();
        }
        return accounts.changePlan(normalize(email), plan).map(a -> new AccountEnvelope(AccountView.of(a)));
    }

    @POST
    @Path("{ownerEmail}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> addMember(@PathParam("ownerEmail") String ownerEmail, AddMember body) {
        FieldErrors errors = new FieldErrors();
        String email = validEmail(body == null ? null : body.email(), errors);
        errors.throwIfAny();
        return accounts.addMember(normalize(ownerEmail), email).map(AdminResource::created);
    }

    private static Response created(NewAccount account) {
        return Response.status(201).entity(Created.of(account)).build();
    }

    /** The lowercased email, or null after recording why it is not acceptable. */
    private static String validEmail(String raw, FieldErrors errors) {
        if (raw == null || raw.isBlank()) {
            errors.add("email", "email is required");
            return null;
        }
        String email = normalize(raw);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add("email", "email must be a valid email address");
        }
        return email;
    }

    private static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
