-- People of a workspace; the name is a slug, unique per workspace, and part of the storage keys.
create table persons (
    id            text primary key,
    workspace_id  text        not null,
    name          text        not null,
    composite_key text,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    constraint persons_workspace_name unique (workspace_id, name)
);
-- The list: newest first within a workspace.
create index persons_newest on persons (workspace_id, created_at desc, id desc);

-- Reference images (at most three per person), keyed by their storage key.
create table person_images (
    key          text primary key,
    person_id    text        not null references persons (id) on delete cascade,
    file_name    text        not null,
    content_type text        not null,
    size         bigint      not null,
    position     integer     not null,
    created_at   timestamptz not null
);
create index person_images_person on person_images (person_id, position);

