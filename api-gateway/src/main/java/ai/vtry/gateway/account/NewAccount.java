package ai.vtry.gateway.account;

/** A freshly created account and its API key, which is shown this once and never stored. */
public record NewAccount(Account account, String apiKey) {
}
