package ai.vtry.gateway.account;

/** An active API key: only its SHA-256 is stored, with the account it belongs to. */
public record ApiKey(long id, String keyHash, Account account) {
}
