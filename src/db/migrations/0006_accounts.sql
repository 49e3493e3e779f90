-- Accounts, invitations, sessions, password resets, login throttling and the generated secret.
-- Everything that decides who is signed in lives here, in PostgreSQL, so any number of app
-- processes serve the same people. Secrets never stored: tokens are kept as their SHA-256,
-- passwords as argon2id hashes (src/accounts/accounts-crypto.ts).
--
-- Times that rules compare (expiry, lock-out, idle sessions) are written by the application
-- from its clock, not by now(), so that tests can move the clock instead of sleeping.

create table users (
  id uuid primary key default gen_random_uuid(),
  -- as typed (trimmed); unique whatever its case, see users_email_unique
  email text not null check (length(email) between 3 and 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  name text not null check (length(name) between 1 and 200),
  role text not null check (role in ('admin', 'officer', 'focal_point', 'contributor', 'expert', 'observer')),
  -- the State a focal point or contributor acts for, and only theirs (src/http/access.ts STATE_ROLES)
  state_code text references states (alpha3),
  locale text not null check (locale in ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
  password_hash text,
  status text not null default 'invited' check (status in ('invited', 'active', 'disabled')),
  -- consecutive failed sign-ins, reset by a success or when the account is locked
  failed_logins integer not null default 0 check (failed_logins >= 0),
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  password_changed_at timestamptz,
  last_login_at timestamptz,
  constraint users_state_code_for_state_roles check ((role in ('focal_point', 'contributor')) = (state_code is not null)),
  constraint users_active_have_password check (status <> 'active' or password_hash is not null)
);
create unique index users_email_unique on users (lower(email));
create index users_state on users (state_code) where state_code is not null;

-- A link sent by email; single use (used_at), replaced by a resend (revoked_at), expires.
create table invitations (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  user_id uuid not null references users (id) on delete cascade,
  -- null when the command line invited (the first administrator)
  invited_by uuid references users (id) on delete set null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz
);
create index invitations_user on invitations (user_id);

-- id is the SHA-256 of the cookie's token: a copy of this table lets nobody sign in.
create table sessions (
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  -- refreshed at most once a minute; idle expiry counts from it
  last_seen_at timestamptz not null,
  -- absolute expiry, fixed at sign-in
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user on sessions (user_id);
create index sessions_expires on sessions (expires_at);
create index sessions_last_seen on sessions (last_seen_at);

create table password_resets (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_resets_user on password_resets (user_id);

-- Counters for throttling, in fixed windows, shared by every process: failed sign-ins per
-- address ('login-ip:…'), per unknown email ('login-email:<sha256>', so that lock-out looks
-- the same whether an account exists or not), password-reset requests ('reset-ip:…', 'reset-email:…').
create table throttle_counters (
  key text primary key,
  window_started_at timestamptz not null,
  hits integer not null check (hits >= 0),
  blocked_until timestamptz
);

-- Values generated once and shared by every process (the secret key when SECRET_KEY is not set).
create table settings (
  key text primary key,
  value text not null,
  created_at timestamptz not null default now()
);
