-- Accounts and their workspaces. A workspace is identified by its owner's account: the owner gets a
-- new ws_ id, each member carries the owner's. is_owner tells the owner apart (exactly one per
-- workspace), and the workspace's plan is the owner's plan_id.
create table accounts (
    user_id      text primary key,
    email        text not null unique check (email = lower(email)),
    workspace_id text not null,
    is_owner     boolean not null,
    plan_id      text not null default 'free' check (plan_id in ('free', 'pro', 'ultra')),
    created_at   timestamptz not null default now()
);

create unique index accounts_one_owner_per_workspace on accounts (workspace_id) where is_owner;
create index accounts_workspace on accounts (workspace_id);

-- API keys are stored only as the SHA-256 of the whole key, found by a short lookup prefix.
create table api_keys (
    id            bigserial primary key,
    user_id       text not null references accounts (user_id),
    lookup_prefix text not null,
    key_hash      text not null,
    created_at    timestamptz not null default now(),
    revoked_at    timestamptz
);

create index api_keys_active_prefix on api_keys (lookup_prefix) where revoked_at is null;
-- One active key per user: rotation revokes the old key in the same transaction.
create unique index api_keys_one_active_per_user on api_keys (user_id) where revoked_at is null;
