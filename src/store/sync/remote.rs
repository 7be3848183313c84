//! The shared PostgreSQL database: connecting to it the way libpq does (PGHOST, PGPORT,
//! PGUSER, PGDATABASE, PGSSLMODE, PGPASSWORD, ~/.pgpass), creating its schema on first use,
//! and moving records in and out. The remote is a log of interchange records keyed by their
//! identity, numbered by a sequence that pushes take in commit order.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use postgres::config::{Host, SslMode};
use postgres::{Client, Transaction};

use super::records::Outgoing;
use crate::error::{Error, Result};

/// The remote schema version this binary writes; a remote with a higher one is refused.
pub(crate) const REMOTE_SCHEMA_VERSION: i32 = 1;

/// The advisory lock every push and the schema creation take for the rest of their
/// transaction. Pushes holding it one at a time take sequence numbers in the order they
/// commit, so a puller that has seen sequence n has seen every push below n: without it, a
/// push that took 10 and committed after another's 11 was read would be skipped for good.
const PUSH_LOCK: i64 = 0x636c_6169_6d74_726b;

/// How many records one INSERT carries.
const PUSH_CHUNK: usize = 2000;

const REMOTE_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS claimtrack_desk (
    id         text        PRIMARY KEY,
    version    integer     NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS claimtrack_records (
    seq       bigserial   PRIMARY KEY,
    uid       text        NOT NULL UNIQUE,
    kind      text        NOT NULL,
    body      json        NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO claimtrack_desk (id, version)
    SELECT gen_random_uuid()::text, 1 WHERE NOT EXISTS (SELECT 1 FROM claimtrack_desk);
";

/// A remote as the user named it, resolved with libpq's environment.
pub struct Remote {
    config: postgres::Config,
    /// `sslmode=verify-ca` or `verify-full`: check the server's certificate.
    verify_certificate: bool,
    verify_hostname: bool,
    /// The certificate authorities to trust instead of the system's (`sslrootcert`,
    /// `PGSSLROOTCERT`, or ~/.postgresql/root.crt when it exists), as PEM.
    root_certificates: Option<PathBuf>,
}

/// What libpq would read from the environment and the home folder.
pub struct PgEnvironment<'a> {
    pub var: &'a dyn Fn(&str) -> Option<String>,
}

impl Remote {
    /// Parse a `postgresql://` URL or a `key=value` connection string and fill what it leaves
    /// out from PG* variables and ~/.pgpass, as libpq does.
    pub fn resolve(url: &str, env: &PgEnvironment<'_>) -> Result<Remote> {
        let var = |name: &str| (env.var)(name).filter(|v| !v.is_empty());
        let sslmode = ssl_mode_in(url).or_else(|| var("PGSSLMODE"));
        let verify_certificate = matches!(sslmode.as_deref(), Some("verify-ca" | "verify-full"));
        let verify_hostname = sslmode.as_deref() == Some("verify-full");
        let (mut text, root_certificate) = take_parameter(url, "sslrootcert");
        let root_certificates = root_certificate
            .or_else(|| var("PGSSLROOTCERT"))
            .map(PathBuf::from)
            .or_else(|| {
                let home = PathBuf::from(var("HOME")?).join(".postgresql/root.crt");
                home.exists().then_some(home)
            });
        for mode in ["verify-full", "verify-ca"] {
            text = text.replace(&format!("sslmode={mode}"), "sslmode=require");
        }
        let mut config = postgres::Config::from_str(&text).map_err(|e| {
            Error::Invalid(format!(
                "the remote is not a PostgreSQL connection URL ({e}): give postgresql://USER@HOST/DATABASE"
            ))
        })?;
        if ssl_mode_in(url).is_none() {
            match sslmode.as_deref() {
                None | Some("prefer" | "allow") => config.ssl_mode(SslMode::Prefer),
                Some("disable") => config.ssl_mode(SslMode::Disable),
                Some(_) => config.ssl_mode(SslMode::Require),
            };
        }
        if config.get_hosts().is_empty() {
            let host = var("PGHOST").unwrap_or_else(|| "/var/run/postgresql".into());
            config.host(&host);
        }
        if let Some(port) = var("PGPORT").and_then(|p| p.parse().ok())
            && config.get_ports().is_empty()
        {
            config.port(port);
        }
        if config.get_user().is_none() {
            let user = var("PGUSER").or_else(|| var("USER")).ok_or_else(|| {
                Error::Invalid(
                    "the remote names no user: give postgresql://USER@HOST/DATABASE or set PGUSER"
                        .into(),
                )
            })?;
            config.user(&user);
        }
        if config.get_dbname().is_none() {
            let name =
                var("PGDATABASE").unwrap_or_else(|| config.get_user().unwrap_or("").to_string());
            config.dbname(&name);
        }
        if config.get_password().is_none() {
            let password = var("PGPASSWORD").or_else(|| pgpass_lookup(&config, &var));
            if let Some(password) = password {
                config.password(password);
            }
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        Ok(Remote {
            config,
            verify_certificate,
            verify_hostname,
            root_certificates,
        })
    }

    /// The remote as messages name it: user, host, port and database, never a password.
    pub fn describe(&self) -> String {
        let host = match self.config.get_hosts().first() {
            Some(Host::Tcp(name)) => name.clone(),
            Some(Host::Unix(path)) => path.display().to_string(),
            None => String::new(),
        };
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        format!(
            "{}@{}:{}/{}",
            self.config.get_user().unwrap_or(""),
            host,
            port,
            self.config.get_dbname().unwrap_or("")
        )
    }

    pub(crate) fn fail(&self, error: impl std::fmt::Display) -> Error {
        Error::Remote {
            remote: self.describe(),
            reason: error.to_string(),
        }
    }

    /// Open a connection, with TLS as sslmode asks (libpq's `require` encrypts without
    /// checking the certificate; `verify-ca` and `verify-full` check it).
    pub(crate) fn connect(&self) -> Result<Client> {
        // PostgreSQL has no TLS on unix sockets (libpq does not try it there either), and
        // building a connector parses the system's whole CA bundle, a good part of an
        // up-to-date sync's time.
        let unix = self
            .config
            .get_hosts()
            .iter()
            .all(|host| matches!(host, Host::Unix(_)));
        if unix || self.config.get_ssl_mode() == SslMode::Disable {
            let mut config = self.config.clone();
            config.ssl_mode(SslMode::Disable);
            return config
                .connect(postgres::NoTls)
                .map_err(|e| self.fail(describe(&e)));
        }
        let mut builder = native_tls::TlsConnector::builder();
        builder
            .danger_accept_invalid_certs(!self.verify_certificate)
            .danger_accept_invalid_hostnames(!self.verify_hostname);
        if let Some(path) = self
            .root_certificates
            .as_ref()
            .filter(|_| self.verify_certificate)
        {
            builder.disable_built_in_roots(true);
            for certificate in read_certificates(path).map_err(|e| self.fail(e))? {
                builder.add_root_certificate(certificate);
            }
        }
        let connector = builder
            .build()
            .map_err(|e| self.fail(format!("cannot set up TLS: {e}")))?;
        self.config
            .connect(postgres_native_tls::MakeTlsConnector::new(connector))
            .map_err(|e| self.fail(describe(&e)))
    }
}

/// Whether a connection URL or string parses, and why not.
pub(crate) fn check_url(url: &str) -> std::result::Result<(), String> {
    postgres::Config::from_str(url)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// True when a connection URL or string carries a password (which is never stored).
pub fn has_password(url: &str) -> bool {
    postgres::Config::from_str(url).is_ok_and(|c| c.get_password().is_some())
}

/// The certificates of a PEM file (one or a bundle).
fn read_certificates(path: &Path) -> std::result::Result<Vec<native_tls::Certificate>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read sslrootcert {}: {e}", path.display()))?;
    let end = "-----END CERTIFICATE-----";
    let certificates: Vec<_> = text
        .split_inclusive(end)
        .filter(|pem| pem.contains(end))
        .map(|pem| native_tls::Certificate::from_pem(pem.trim_start().as_bytes()))
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| format!("sslrootcert {} is not PEM: {e}", path.display()))?;
    if certificates.is_empty() {
        return Err(format!(
            "sslrootcert {} holds no certificate",
            path.display()
        ));
    }
    Ok(certificates)
}

/// The connection string without `name=value` (which the client library does not know), and
/// the value, percent-decoded.
fn take_parameter(url: &str, name: &str) -> (String, Option<String>) {
    let key = format!("{name}=");
    let Some(start) = url.find(&key) else {
        return (url.to_string(), None);
    };
    let value_start = start + key.len();
    let value_end = url[value_start..]
        .find(['&', ' '])
        .map_or(url.len(), |end| value_start + end);
    let value = percent_decode(&url[value_start..value_end]);
    let (mut cut_start, mut cut_end) = (start, value_end);
    if url[value_end..].starts_with(['&', ' ']) {
        cut_end += 1;
    } else if url[..start].ends_with(['&', ' ', '?']) {
        // The last parameter: no dangling separator (nor '?' when it was the only one).
        cut_start -= 1;
    }
    (
        format!("{}{}", &url[..cut_start], &url[cut_end..]),
        Some(value),
    )
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn ssl_mode_in(url: &str) -> Option<String> {
    let start = url.find("sslmode=")? + "sslmode=".len();
    Some(
        url[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect(),
    )
}

/// The password ~/.pgpass (or PGPASSFILE) gives for this host, port, database and user: the
/// first line whose fields match, `*` matching anything, `\:` and `\\` escaped. As libpq
/// does, a file others can read is ignored.
fn pgpass_lookup(
    config: &postgres::Config,
    var: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let path = var("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".pgpass")))?;
    let text = std::fs::read_to_string(&path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return None;
        }
    }
    let (host, socket) = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => (name.clone(), false),
        Some(Host::Unix(path)) => (path.display().to_string(), true),
        None => ("localhost".into(), true),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let wanted = [
        host.as_str(),
        &port,
        config.get_dbname().unwrap_or(""),
        config.get_user().unwrap_or(""),
    ];
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .map(pgpass_fields)
        .find(|fields| {
            fields.len() == 5
                && fields[..4]
                    .iter()
                    .zip(wanted)
                    .enumerate()
                    .all(|(i, (field, want))| {
                        field == "*" || field == want || (i == 0 && socket && field == "localhost")
                    })
        })
        .map(|mut fields| fields.swap_remove(4))
}

fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields.last_mut().expect("one field").extend(chars.next()),
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

/// The server's own message when it sent one, else the client's.
fn describe(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => db.message().to_string(),
        None => {
            let mut text = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(inner) = source {
                text = format!("{text}: {inner}");
                source = inner.source();
            }
            text
        }
    }
}

pub(crate) fn failure(remote: &Remote) -> impl Fn(postgres::Error) -> Error + '_ {
    move |e| remote.fail(describe(&e))
}

/// Create the remote schema if it is not there (under the lock, so that two first syncs do
/// not both create it), and return the remote's identity. A newer remote schema is refused.
pub(crate) fn prepare(remote: &Remote, transaction: &mut Transaction<'_>) -> Result<String> {
    let fail = failure(remote);
    let exists: bool = transaction
        .query_one("SELECT to_regclass('claimtrack_desk') IS NOT NULL", &[])
        .map_err(&fail)?
        .get(0);
    if !exists {
        lock(remote, transaction)?;
        transaction.batch_execute(REMOTE_SCHEMA).map_err(&fail)?;
    }
    let row = transaction
        .query_one("SELECT id, version FROM claimtrack_desk", &[])
        .map_err(&fail)?;
    let version: i32 = row.get(1);
    if version > REMOTE_SCHEMA_VERSION {
        return Err(remote.fail(format!(
            "was set up by a newer claimtrack (remote schema version {version}, this one knows up to {REMOTE_SCHEMA_VERSION}): upgrade claimtrack"
        )));
    }
    Ok(row.get(0))
}

/// Take the push lock until the transaction ends.
pub(crate) fn lock(remote: &Remote, transaction: &mut Transaction<'_>) -> Result<()> {
    transaction
        .execute("SELECT pg_advisory_xact_lock($1)", &[&PUSH_LOCK])
        .map_err(failure(remote))?;
    Ok(())
}

/// Records above `after` in sequence order, as (sequence, JSON text).
pub(crate) fn pull(
    remote: &Remote,
    transaction: &mut Transaction<'_>,
    after: i64,
) -> Result<Vec<(i64, String)>> {
    let rows = transaction
        .query(
            "SELECT seq, body::text FROM claimtrack_records WHERE seq > $1 ORDER BY seq",
            &[&after],
        )
        .map_err(failure(remote))?;
    Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
}

/// Insert the records the remote lacks (by uid; the others are left as they are) and return
/// how many were new. The caller holds the push lock.
pub(crate) fn push(
    remote: &Remote,
    transaction: &mut Transaction<'_>,
    records: &[Outgoing],
) -> Result<u64> {
    let mut added = 0;
    for chunk in records.chunks(PUSH_CHUNK) {
        let mut uids = Vec::with_capacity(chunk.len());
        let mut kinds = Vec::with_capacity(chunk.len());
        let mut bodies = Vec::with_capacity(chunk.len());
        for outgoing in chunk {
            uids.push(outgoing.uid.clone());
            kinds.push(kind_of(&outgoing.record).to_string());
            bodies.push(serde_json::to_string(&outgoing.record).map_err(std::io::Error::from)?);
        }
        added += transaction
            .execute(
                "INSERT INTO claimtrack_records (uid, kind, body)
                 SELECT u, k, b::json FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(u, k, b, n)
                 ORDER BY n
                 ON CONFLICT (uid) DO NOTHING",
                &[&uids, &kinds, &bodies],
            )
            .map_err(failure(remote))?;
    }
    Ok(added)
}

/// The highest sequence number committed (or taken by this transaction).
pub(crate) fn last_sequence(remote: &Remote, transaction: &mut Transaction<'_>) -> Result<i64> {
    Ok(transaction
        .query_one("SELECT coalesce(max(seq), 0) FROM claimtrack_records", &[])
        .map_err(failure(remote))?
        .get(0))
}

fn kind_of(record: &crate::report::interchange::Record) -> &'static str {
    use crate::report::interchange::Record;
    match record {
        Record::Article(_) => "article",
        Record::Claim(_) => "claim",
        Record::Value(_) => "value",
        Record::Occurrence(_) => "occurrence",
        Record::Source(_) => "source",
        Record::Event(_) => "event",
        Record::Match(_) => "match",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(url: &str, vars: &[(&str, &str)]) -> Remote {
        let lookup = |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        };
        Remote::resolve(url, &PgEnvironment { var: &lookup }).unwrap()
    }

    #[test]
    fn a_password_is_used_but_never_described() {
        let remote = resolve("postgresql://ana:s3cret@db.example:6543/desk", &[]);
        assert_eq!(remote.describe(), "ana@db.example:6543/desk");
        assert_eq!(remote.config.get_password(), Some(&b"s3cret"[..]));
        assert!(has_password("postgresql://ana:s3cret@db.example/desk"));
        assert!(!has_password("postgresql://ana@db.example/desk"));
    }

    #[test]
    fn what_the_url_leaves_out_comes_from_pg_variables() {
        let remote = resolve(
            "postgresql:///",
            &[
                ("PGHOST", "/tmp/sock"),
                ("PGPORT", "5499"),
                ("PGUSER", "bo"),
                ("PGPASSWORD", "pw"),
            ],
        );
        assert_eq!(remote.describe(), "bo@/tmp/sock:5499/bo");
        assert_eq!(remote.config.get_password(), Some(&b"pw"[..]));
    }

    #[test]
    fn sslmode_verify_full_checks_the_certificate_and_require_does_not() {
        let strict = resolve("postgresql://a@h/d?sslmode=verify-full", &[]);
        assert!(strict.verify_certificate && strict.verify_hostname);
        assert_eq!(strict.config.get_ssl_mode(), SslMode::Require);
        let loose = resolve("postgresql://a@h/d?sslmode=require", &[]);
        assert!(!loose.verify_certificate);
        let from_env = resolve("postgresql://a@h/d", &[("PGSSLMODE", "disable")]);
        assert_eq!(from_env.config.get_ssl_mode(), SslMode::Disable);
    }

    #[test]
    fn sslrootcert_is_taken_out_of_the_url_and_kept() {
        assert_eq!(
            take_parameter(
                "postgresql://a@h/d?sslmode=verify-full&sslrootcert=%2Fetc%2Fdesk.pem",
                "sslrootcert"
            ),
            (
                "postgresql://a@h/d?sslmode=verify-full".to_string(),
                Some("/etc/desk.pem".to_string())
            )
        );
        assert_eq!(
            take_parameter(
                "postgresql://a@h/d?sslrootcert=/ca.pem&sslmode=require",
                "sslrootcert"
            ),
            (
                "postgresql://a@h/d?sslmode=require".to_string(),
                Some("/ca.pem".to_string())
            )
        );
        assert_eq!(
            take_parameter("host=h sslrootcert=/ca.pem user=a", "sslrootcert"),
            ("host=h user=a".to_string(), Some("/ca.pem".to_string()))
        );
        let remote = resolve(
            "postgresql://a@h/d?sslmode=verify-ca&sslrootcert=/ca.pem",
            &[],
        );
        assert_eq!(remote.root_certificates, Some(PathBuf::from("/ca.pem")));
        assert!(remote.verify_certificate && !remote.verify_hostname);
    }

    #[test]
    fn pgpass_gives_the_password_of_the_first_matching_line_if_only_its_owner_reads_it() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("pgpass");
        std::fs::write(
            &path,
            "# desk\nother:5432:desk:ana:wrong\ndb.example:*:desk:ana:pa\\:ss\n*:*:*:*:fallback\n",
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let file = path.display().to_string();
        let remote = resolve("postgresql://ana@db.example/desk", &[("PGPASSFILE", &file)]);
        assert_eq!(remote.config.get_password(), Some(&b"pa:ss"[..]));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let remote = resolve("postgresql://ana@db.example/desk", &[("PGPASSFILE", &file)]);
        assert_eq!(remote.config.get_password(), None);
    }
}
