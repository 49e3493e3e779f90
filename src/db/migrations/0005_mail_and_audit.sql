-- Mail and the audit log.
--
-- mail_outbox: every message NormHub sends. Without an SMTP server the outbox IS the delivery:
-- the message is kept whole (bodies and the raw RFC 822 message nodemailer built) for
-- administrators to read. With one, the row only records that the message was sent or why it
-- failed: its bodies hold links that belong to the recipient alone (invitations, password resets).
create table mail_outbox (
  id bigint generated always as identity primary key,
  created_at timestamptz not null default now(),
  kind text not null check (kind <> ''),
  to_address text not null check (to_address <> ''),
  locale text not null check (locale ~ '^[a-z]{2,3}$'),
  subject text not null,
  text_body text,
  html_body text,
  raw text,
  transport text not null check (transport in ('outbox', 'smtp')),
  status text not null check (status in ('stored', 'sent', 'failed')),
  message_id text,
  error text,
  sent_at timestamptz,
  check (transport = 'outbox' or (text_body is null and html_body is null and raw is null)),
  check ((status = 'failed') = (error is not null))
);
create index mail_outbox_created on mail_outbox (created_at desc, id desc);
create index mail_outbox_kind on mail_outbox (kind, created_at desc);
create index mail_outbox_to on mail_outbox (lower(to_address));

-- audit_log: who did what, when, to what, with the fields before and after. Append-only: no
-- code path updates or deletes a row. actor_user_id is not a foreign key on purpose: the
-- record outlives the account it names, and must not block or follow the account's deletion.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id text,
  -- the account's email at the time, or 'cli' / 'seed' / 'system' when no account acted
  actor_label text not null check (actor_label <> ''),
  actor_role text,
  action text not null check (action <> ''), -- 'user.invite', 'session.login', 'document.import'
  entity_type text not null check (entity_type <> ''),
  entity_id text not null,
  state_code text check (state_code ~ '^[A-Z]{3}$'),
  before jsonb,
  after jsonb,
  ip text
);
create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_actor on audit_log (actor_user_id, at desc) where actor_user_id is not null;
create index audit_log_action on audit_log (action, at desc);
create index audit_log_entity on audit_log (entity_type, entity_id, at desc);
create index audit_log_state on audit_log (state_code, at desc) where state_code is not null;
