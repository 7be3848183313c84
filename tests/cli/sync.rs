//! `sync` against a real PostgreSQL server: a throwaway cluster (`initdb` + `pg_ctl` from the
//! Debian `postgresql` package) in a temporary folder, reached only through a private unix
//! socket. Replicas are temporary databases that sync through it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};

use crate::Desk;

/// A running PostgreSQL cluster; stopped when the last test holding it drops it.
struct PgServer {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// initdb refuses to run as root: as root the server runs as this user.
    as_user: Option<&'static str>,
    /// The port: over TCP if the server listens there, else only the socket's name.
    port: u16,
}

static SERVER: Mutex<Weak<PgServer>> = Mutex::new(Weak::new());
static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// The newest server binaries of the Debian package, if installed.
fn server_binaries() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| Some(entry.ok()?.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
        .collect();
    found.sort_by_key(|bin| {
        bin.parent()
            .and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok())
    });
    found.pop()
}

fn run(command: &mut Command) {
    let output = command.output().expect("the command starts");
    assert!(
        output.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

impl PgServer {
    fn start() -> Option<PgServer> {
        PgServer::start_with(None)
    }

    /// With `tcp_tls`: also listen on 127.0.0.1 at that port, accepting TCP connections only
    /// over TLS (a self-signed certificate for "localhost").
    fn start_with(tcp_tls: Option<u16>) -> Option<PgServer> {
        let bin = server_binaries()?;
        // A short path: a unix socket's path must fit in about 100 bytes.
        let dir = tempfile::Builder::new()
            .prefix("ctpg")
            .tempdir_in("/tmp")
            .unwrap();
        let as_user = (unsafe { libc::geteuid() } == 0).then_some("nobody");
        if let Some(user) = as_user {
            let id = |flag: &str| -> u32 {
                let out = Command::new("id").args([flag, user]).output().unwrap();
                String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
            };
            std::os::unix::fs::chown(dir.path(), Some(id("-u")), Some(id("-g"))).unwrap();
        }
        let port = tcp_tls.unwrap_or(5432);
        let server = PgServer {
            dir,
            bin,
            as_user,
            port,
        };
        let data = server.dir.path().join("data");
        run(server
            .command("initdb")
            .args(["-D", data.to_str().unwrap()])
            .args([
                "-U",
                "claimtrack",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ]));
        let mut options = format!(
            "-k {} -c fsync=off -c full_page_writes=off",
            server.dir.path().display()
        );
        match tcp_tls {
            None => options.push_str(" -c listen_addresses='' -p 5432"),
            Some(_) => {
                server.tls_files(&data);
                options.push_str(&format!(
                    " -c listen_addresses=127.0.0.1 -p {port} -c ssl=on"
                ));
            }
        }
        run(server.command("pg_ctl").args([
            "-D",
            data.to_str().unwrap(),
            "-l",
            server.dir.path().join("log").to_str().unwrap(),
            "-o",
            &options,
            "-w",
            "start",
        ]));
        Some(server)
    }

    /// A self-signed certificate and key in the data folder, and client authentication that
    /// refuses TCP connections without TLS.
    fn tls_files(&self, data: &Path) {
        run(self.command_path(Path::new("openssl")).args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            data.join("server.key").to_str().unwrap(),
            "-out",
            data.join("server.crt").to_str().unwrap(),
        ]));
        run(self
            .command_path(Path::new("chmod"))
            .arg("600")
            .arg(data.join("server.key")));
        let hba = data.join("pg_hba.conf");
        // The first matching line decides, so these go before initdb's.
        let text = std::fs::read_to_string(&hba).unwrap();
        std::fs::write(
            &hba,
            format!(
                "hostnossl all all 0.0.0.0/0 reject\nhostssl all all 127.0.0.1/32 trust\n{text}"
            ),
        )
        .unwrap();
    }

    fn command(&self, program: &str) -> Command {
        self.command_path(&self.bin.join(program))
    }

    fn command_path(&self, path: &Path) -> Command {
        match self.as_user {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(path);
                command
            }
            None => Command::new(path),
        }
    }

    /// A new empty database on the server, as a URL for `sync --remote`.
    fn database(&self) -> String {
        let name = format!(
            "desk_{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::SeqCst)
        );
        let mut client = postgres::Client::connect(
            &format!(
                "host={} port={} user=claimtrack dbname=postgres",
                self.dir.path().display(),
                self.port
            ),
            postgres::NoTls,
        )
        .unwrap();
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        format!(
            "postgresql://claimtrack@{}:{}/{name}",
            self.dir.path().display().to_string().replace('/', "%2F"),
            self.port
        )
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = self
            .command("pg_ctl")
            .args(["-D", data.to_str().unwrap(), "-m", "immediate", "stop"])
            .output();
    }
}

/// The shared server, started on first use; None (after printing "skipped") when the
/// PostgreSQL server binaries are not installed.
fn server(test: &str) -> Option<Arc<PgServer>> {
    let mut shared = SERVER.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(server) = shared.upgrade() {
        return Some(server);
    }
    match PgServer::start() {
        Some(server) => {
            let server = Arc::new(server);
            *shared = Arc::downgrade(&server);
            Some(server)
        }
        None => {
            println!("skipped {test}: no PostgreSQL server binaries under /usr/lib/postgresql");
            None
        }
    }
}

fn sync(desk: &Desk, url: &str) -> serde_json::Value {
    desk.json(&["sync", "--remote", url])
}

/// Everything replicas must agree on, by identity (local ids differ).
#[derive(Debug, PartialEq)]
struct Replica {
    articles: Vec<String>,
    claims: Vec<(String, i64, i64, String, Option<String>, bool)>,
    sources: Vec<(String, String, String, bool)>,
    events: Vec<(String, String, String, String)>,
}

fn replica(db: &Path) -> Replica {
    let connection = rusqlite::Connection::open(db).unwrap();
    let strings = |sql: &str| -> Vec<String> {
        let mut statement = connection.prepare(sql).unwrap();
        statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let mut claims = connection
        .prepare(
            "SELECT a.content_hash, c.start, c.end, c.status, c.assignee, c.conflict
             FROM claims c JOIN articles a ON a.id = c.article_id ORDER BY 1, 2, 3",
        )
        .unwrap();
    let mut sources = connection
        .prepare(
            "SELECT s.uid, a.content_hash || ':' || c.start, s.reference, s.withdrawn
             FROM sources s JOIN claims c ON c.id = s.claim_id JOIN articles a ON a.id = c.article_id ORDER BY 1",
        )
        .unwrap();
    let mut events = connection
        .prepare(
            "SELECT e.uid, a.content_hash || ':' || c.start, e.action, e.to_status
             FROM events e JOIN claims c ON c.id = e.claim_id JOIN articles a ON a.id = c.article_id ORDER BY 1",
        )
        .unwrap();
    Replica {
        articles: strings("SELECT content_hash FROM articles ORDER BY 1"),
        claims: claims
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect(),
        sources: sources
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect(),
        events: events
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect(),
    }
}

/// A replica's state with the random uids of sources and events left out.
fn without_uids(mut replica: Replica) -> Replica {
    for source in &mut replica.sources {
        source.0.clear();
    }
    for event in &mut replica.events {
        event.0.clear();
    }
    replica.sources.sort();
    replica.events.sort();
    replica
}

fn second_article(desk: &Desk) -> PathBuf {
    let path = desk.db.with_file_name("council.txt");
    std::fs::write(
        &path,
        "Council approves budget\n\nThe city council approved a $4.2 million budget on Tuesday, \
         Mayor Jane Ortiz said. Spending on parks rose 12 percent, while 300 new housing units \
         are planned by 2027. Unemployment in the city fell to 3.9 percent last year.\n",
    )
    .unwrap();
    path
}

/// Three replicas doing interleaved work, with two verdicts given offline on one claim and
/// syncs in varying orders, end identical; one more round changes nothing; the conflict is
/// shown everywhere until someone marks the claim again.
#[test]
fn three_replicas_converge_whatever_order_they_sync_in() {
    let Some(server) = server("three_replicas_converge_whatever_order_they_sync_in") else {
        return;
    };
    let url = server.database();
    let (ana, bo, cy) = (Desk::new(), Desk::new(), Desk::new());
    ana.add_sample();
    sync(&ana, &url);
    sync(&cy, &url);
    sync(&bo, &url);
    let uid = |desk: &Desk, id: &str| desk.json(&["show", id])["claim"]["uid"].clone();
    assert_eq!(uid(&ana, "6"), uid(&bo, "6"));
    assert_eq!(uid(&ana, "6"), uid(&cy, "6"));

    ana.ok(&["mark", "1", "in-progress", "--by", "ana"]);
    bo.ok(&["assign", "2", "--to", "bo", "--by", "bo"]);
    cy.ok(&["note", "3", "-m", "the figure is from 2019", "--by", "cy"]);
    ana.ok(&[
        "source",
        "add",
        "4",
        "https://stats.example/4",
        "--by",
        "ana",
    ]);
    // The conflicting pair: both give a verdict on claim 6 without seeing the other's.
    ana.ok(&[
        "mark",
        "6",
        "verified",
        "--source",
        "https://a.example/6",
        "--by",
        "ana",
    ]);
    cy.ok(&[
        "mark",
        "6",
        "false",
        "--source",
        "Land registry, 2022 extract",
        "--by",
        "cy",
    ]);
    sync(&cy, &url);
    bo.ok(&[
        "mark",
        "5",
        "verified",
        "--source",
        "Ministry annual report, 2021",
        "--by",
        "bo",
    ]);
    sync(&ana, &url);
    let council = second_article(&bo);
    bo.ok(&["add", council.to_str().unwrap()]);
    sync(&bo, &url);
    cy.ok(&["assign", "2", "--to", "cy", "--by", "cy"]);
    ana.ok(&["undo", "1", "--by", "ana"]);
    sync(&ana, &url);
    sync(&cy, &url);
    bo.ok(&["note", "5", "-m", "second source agrees", "--by", "bo"]);
    sync(&bo, &url);
    sync(&ana, &url);
    sync(&cy, &url);

    let expected = replica(&ana.db);
    assert_eq!(replica(&bo.db), expected);
    assert_eq!(replica(&cy.db), expected);
    assert_eq!(expected.articles.len(), 2);
    assert_eq!(expected.events.len(), 10, "{:#?}", expected.events);
    for desk in [&ana, &bo, &cy] {
        let again = sync(desk, &url);
        assert_eq!(
            (again["pushed"].as_u64(), again["pulled"].as_u64()),
            (Some(0), Some(0))
        );
        assert_eq!(replica(&desk.db), expected);
    }

    for desk in [&ana, &bo, &cy] {
        let shown = desk.json(&["show", "6"]);
        assert_eq!(shown["claim"]["conflict"], true, "{shown}");
        let listed = desk.json(&["list", "--conflicts"]);
        assert_eq!(listed["claims"].as_array().unwrap().len(), 1);
        assert!(
            desk.ok(&["status"])
                .contains("1 claim has two verdicts given apart")
        );
    }
    let standing = ana.json(&["show", "6"])["claim"]["status"].clone();
    // The later one stands: the two marks carry the same second, so their tick and uid decide
    // the order, and every replica decides alike (compared above).
    assert!(standing == "verified" || standing == "false", "{standing}");
    bo.ok(&[
        "mark",
        "6",
        "misleading",
        "--note",
        "both half right",
        "--by",
        "bo",
    ]);
    sync(&bo, &url);
    sync(&ana, &url);
    sync(&cy, &url);
    for desk in [&ana, &bo, &cy] {
        let shown = desk.json(&["show", "6"]);
        assert_eq!(shown["claim"]["conflict"], false, "{shown}");
        assert_eq!(shown["claim"]["status"], "misleading");
        assert!(
            desk.json(&["list", "--conflicts"])["claims"]
                .as_array()
                .unwrap()
                .is_empty()
        );
    }
}

/// Kill the binary in the middle of a sync, at each named point and after several delays:
/// a rerun leaves the replicas exactly as an uninterrupted sync does.
#[test]
fn an_interrupted_sync_completed_by_a_rerun_equals_an_uninterrupted_one() {
    let Some(server) =
        server("an_interrupted_sync_completed_by_a_rerun_equals_an_uninterrupted_one")
    else {
        return;
    };
    let binary = env!("CARGO_BIN_EXE_claimtrack");
    let sync_process = |desk: &Desk, url: &str, fault: Option<&str>| {
        let mut command = Command::new(binary);
        command
            .args(["--db", desk.db.to_str().unwrap(), "sync", "--remote", url])
            .env_remove("CLAIMTRACK_SYNC_FAULT");
        if let Some(point) = fault {
            command.env("CLAIMTRACK_SYNC_FAULT", point);
        }
        command
    };
    // The same work on a fresh remote each time: one replica with work synced, another with
    // its own work, whose sync is interrupted.
    let scenario = |interrupt: &dyn Fn(&Desk, &str)| -> (Replica, Replica) {
        let url = server.database();
        let (ana, bo) = (Desk::new(), Desk::new());
        ana.add_sample();
        ana.ok(&["mark", "1-10", "in-progress", "--by", "ana"]);
        sync(&ana, &url);
        sync(&bo, &url);
        ana.ok(&[
            "note",
            "4",
            "-m",
            "pulled by the interrupted sync",
            "--by",
            "ana",
        ]);
        sync(&ana, &url);
        bo.ok(&["add", second_article(&bo).to_str().unwrap()]);
        for round in 0..20 {
            bo.ok(&["note", "1-3", "-m", &format!("pass {round}"), "--by", "bo"]);
        }
        interrupt(&bo, &url);
        let rerun = sync_process(&bo, &url, None).output().unwrap();
        assert!(
            rerun.status.success(),
            "{}",
            String::from_utf8_lossy(&rerun.stderr)
        );
        sync(&ana, &url);
        let (ana, bo) = (replica(&ana.db), replica(&bo.db));
        assert_eq!(ana, bo);
        // Uids are random, so runs are compared by what the records say.
        (without_uids(ana), without_uids(bo))
    };
    let (reference, _) = scenario(&|_, _| {});
    assert_eq!(reference.events.len(), 10 + 1 + 60);

    for point in ["pulled", "pushed", "merged", "remote-committed"] {
        let (ana, bo) = scenario(&|desk, url| {
            let status = sync_process(desk, url, Some(point)).status().unwrap();
            assert!(!status.success(), "the sync should have died at {point}");
        });
        assert_eq!(ana, reference, "interrupted at {point}");
        assert_eq!(bo, reference, "interrupted at {point}");
    }
    for delay_ms in [0, 15, 40, 80, 150] {
        let (ana, bo) = scenario(&|desk, url| {
            let mut child = sync_process(desk, url, None).spawn().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(delay_ms));
            let _ = child.kill();
            let _ = child.wait();
        });
        assert_eq!(ana, reference, "killed after {delay_ms} ms");
        assert_eq!(bo, reference, "killed after {delay_ms} ms");
    }
}

/// Several replicas pushing at the same moment: none of their records is skipped by a pull
/// (pushes take sequence numbers in commit order).
#[test]
fn replicas_syncing_at_once_lose_nothing() {
    let Some(server) = server("replicas_syncing_at_once_lose_nothing") else {
        return;
    };
    let url = server.database();
    let seed = Desk::new();
    seed.add_sample();
    sync(&seed, &url);
    let desks: Vec<Desk> = (0..4).map(|_| Desk::new()).collect();
    for (n, desk) in desks.iter().enumerate() {
        sync(desk, &url);
        for round in 0..5 {
            desk.ok(&[
                "note",
                "1-5",
                "-m",
                &format!("desk {n} round {round}"),
                "--by",
                &format!("d{n}"),
            ]);
        }
    }
    let binary = env!("CARGO_BIN_EXE_claimtrack");
    for _ in 0..3 {
        let children: Vec<_> = desks
            .iter()
            .map(|desk| {
                Command::new(binary)
                    .args(["--db", desk.db.to_str().unwrap(), "sync", "--remote", &url])
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
    }
    sync(&seed, &url);
    let expected = replica(&seed.db);
    assert_eq!(expected.events.len(), 4 * 5 * 5);
    for desk in &desks {
        sync(desk, &url);
        assert_eq!(replica(&desk.db), expected);
    }
}

/// The remote URL is stored without a password, and errors never print one.
#[test]
fn a_password_is_never_stored_or_printed() {
    let desk = Desk::new();
    let refused = desk
        .run(&["remote", "set", "postgresql://ana:hunter2@db.example/desk"])
        .unwrap_err()
        .to_string();
    assert!(refused.contains("never stores"), "{refused}");
    assert!(!refused.contains("hunter2"), "{refused}");
    let garbage = desk.run(&["remote", "set", "postgresql://ana@host:notaport/desk"]);
    assert!(
        garbage
            .unwrap_err()
            .to_string()
            .contains("not a PostgreSQL connection URL")
    );
    assert!(desk.ok(&["remote", "show"]).starts_with("no remote stored"));
    desk.ok(&[
        "remote",
        "set",
        "postgresql://ana@%2Fnonexistent%2Fsocket/desk",
    ]);
    assert_eq!(
        desk.ok(&["remote", "show"]).trim(),
        "postgresql://ana@%2Fnonexistent%2Fsocket/desk"
    );
    let failed = desk
        .run(&[
            "sync",
            "--remote",
            "postgresql://ana:hunter2@%2Fnonexistent%2Fsocket/desk",
        ])
        .unwrap_err()
        .to_string();
    assert!(
        failed.starts_with("remote ana@/nonexistent/socket:5432/desk: "),
        "{failed}"
    );
    assert!(!failed.contains("hunter2"), "{failed}");
    // With nothing given, the stored remote is the one tried.
    let stored = desk.run(&["sync"]).unwrap_err().to_string();
    assert!(
        stored.starts_with("remote ana@/nonexistent/socket:5432/desk"),
        "{stored}"
    );
}

/// A database of schema 2 is upgraded: every source and event gets a uid (the one an export
/// gave it before) and a tick in the order it was stored; events stay append-only.
#[test]
fn schema_2_database_gets_identities_on_upgrade() {
    let desk = Desk::new();
    desk.add_sample();
    desk.ok(&["mark", "1", "in-progress"]);
    desk.ok(&["mark", "1", "verified", "--source", "https://a.example"]);
    desk.ok(&["note", "1", "-m", "same second"]);
    desk.ok(&["note", "1", "-m", "same second"]);
    let before = desk.json(&["show", "1"]);
    {
        let connection = rusqlite::Connection::open(&desk.db).unwrap();
        take_back_to_schema_2(&connection);
        connection.execute_batch("PRAGMA user_version = 2").unwrap();
    }
    assert_eq!(desk.json(&["show", "1"]), before);
    let connection = rusqlite::Connection::open(&desk.db).unwrap();
    let uids: Vec<(String, i64)> = connection
        .prepare("SELECT uid, tick FROM events ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(uids.iter().map(|u| u.1).collect::<Vec<_>>(), [1, 2, 3, 4]);
    let distinct: std::collections::HashSet<_> = uids.iter().map(|u| &u.0).collect();
    assert_eq!(distinct.len(), 4, "the repeated note gets its own uid");
    assert!(uids.iter().all(|u| u.0.len() == 32));
    let export = desk.ok(&["export", "--format", "jsonl"]);
    for (uid, _) in &uids {
        assert!(
            export.contains(uid.as_str()),
            "the export names event {uid}"
        );
    }
    let source_uid: Option<String> = connection
        .query_row("SELECT uid FROM sources", [], |r| r.get(0))
        .unwrap();
    assert!(source_uid.is_some());
    assert!(
        connection
            .execute("UPDATE events SET note = 'forged'", [])
            .is_err()
    );
}

/// Remove what schema 4 added (uids, ticks, the conflict flag, sync marks, settings), so a
/// test can hand an older claimtrack's database to the upgrade.
pub fn take_back_to_schema_2(connection: &rusqlite::Connection) {
    connection
        .execute_batch(
            "DROP INDEX claims_in_conflict;
             ALTER TABLE claims DROP COLUMN conflict;
             DROP INDEX sources_by_uid;
             ALTER TABLE sources DROP COLUMN uid;
             DROP INDEX events_by_uid;
             DROP TRIGGER events_are_append_only_update;
             ALTER TABLE events DROP COLUMN uid;
             ALTER TABLE events DROP COLUMN tick;
             CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
             BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
             DROP TABLE sync_marks;
             DROP TABLE settings;
             PRAGMA user_version = 2;",
        )
        .unwrap();
}

/// `sslmode` is honoured over TCP: a server that refuses connections without TLS is reached
/// with `require` (certificate not checked, as libpq does), refused with `disable`, and its
/// self-signed certificate fails `verify-full`.
#[test]
fn sslmode_is_honoured_over_tcp() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let Some(server) = PgServer::start_with(Some(port)) else {
        println!("skipped sslmode_is_honoured_over_tcp: no PostgreSQL server binaries");
        return;
    };
    let socket_url = server.database();
    let name = socket_url.rsplit('/').next().unwrap();
    let tcp =
        |mode: &str| format!("postgresql://claimtrack@127.0.0.1:{port}/{name}?sslmode={mode}");
    let desk = Desk::new();
    desk.add_sample();
    let synced = sync(&desk, &tcp("require"));
    assert!(synced["pushed"].as_u64().unwrap() > 0, "{synced}");
    let refused = desk
        .run(&["sync", "--remote", &tcp("disable")])
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("no encryption") || refused.contains("pg_hba"),
        "{refused}"
    );
    let unverified = desk
        .run(&["sync", "--remote", &tcp("verify-full")])
        .unwrap_err()
        .to_string();
    assert!(unverified.contains("certificate"), "{unverified}");
    // Trusting the server's own certificate, verify-full checks it and the host name.
    let certificate = server.dir.path().join("data/server.crt");
    let verified = format!(
        "postgresql://claimtrack@localhost:{port}/{name}?sslmode=verify-full&sslrootcert={}",
        certificate.display()
    );
    assert_eq!(sync(&desk, &verified)["pushed"], 0);
    let wrong_host = verified.replace("@localhost:", "@127.0.0.1:");
    let refused = desk
        .run(&["sync", "--remote", &wrong_host])
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("certificate") || refused.contains("match"),
        "{refused}"
    );
    let other = Desk::new();
    let pulled = sync(&other, &tcp("prefer"));
    assert_eq!(pulled["articles"], 1, "{pulled}");
}

/// The first sync creates the remote schema with its version; a remote set up by a newer
/// claimtrack is refused and nothing changes on either side.
#[test]
fn a_remote_of_a_newer_claimtrack_is_refused() {
    let Some(server) = server("a_remote_of_a_newer_claimtrack_is_refused") else {
        return;
    };
    let url = server.database();
    let desk = Desk::new();
    desk.add_sample();
    sync(&desk, &url);
    let name = url.rsplit('/').next().unwrap();
    let mut client = postgres::Client::connect(
        &format!(
            "host={} port={} user=claimtrack dbname={name}",
            server.dir.path().display(),
            server.port
        ),
        postgres::NoTls,
    )
    .unwrap();
    let records: i64 = client
        .query_one("SELECT count(*) FROM claimtrack_records", &[])
        .unwrap()
        .get(0);
    client
        .batch_execute("UPDATE claimtrack_desk SET version = version + 1")
        .unwrap();
    // Written as a code path that predates uids would: the sync gives it one.
    rusqlite::Connection::open(&desk.db)
        .unwrap()
        .execute_batch(
            "INSERT INTO events (claim_id, action, at, by, from_status, to_status, note)
             VALUES (1, 'note', '2026-05-01T10:00:00Z', 'old', 'unverified', 'unverified', 'no uid')",
        )
        .unwrap();
    let refused = desk
        .run(&["sync", "--remote", &url])
        .unwrap_err()
        .to_string();
    assert!(refused.contains("newer claimtrack"), "{refused}");
    let after: i64 = client
        .query_one("SELECT count(*) FROM claimtrack_records", &[])
        .unwrap()
        .get(0);
    assert_eq!(after, records);
    client
        .batch_execute("UPDATE claimtrack_desk SET version = version - 1")
        .unwrap();
    sync(&desk, &url);
    let other = Desk::new();
    sync(&other, &url);
    assert_eq!(
        without_uids(replica(&other.db)),
        without_uids(replica(&desk.db))
    );
    let notes = other.json(&["show", "1"])["claim"]["events"].clone();
    assert_eq!(notes[0]["note"], "no uid", "{notes}");
}

/// Run a command in-process as if the clock said `now`.
fn at(desk: &Desk, now: &str, args: &[&str]) -> String {
    use clap::Parser;
    let mut argv = vec!["claimtrack", "--db", desk.db.to_str().unwrap()];
    argv.extend_from_slice(args);
    let cli = claimtrack::cli::Cli::try_parse_from(argv).unwrap();
    let vars = |_: &str| None;
    let env = claimtrack::config::Environment {
        var: &vars,
        stdout_is_terminal: false,
        stderr_is_terminal: false,
        terminal_width: Some(120),
    };
    let mut config = claimtrack::config::Config::resolve(cli.db.clone(), "never", &env).unwrap();
    config.now = chrono::DateTime::parse_from_rfc3339(now).unwrap().into();
    let mut out = Vec::new();
    claimtrack::commands::run(
        cli.command,
        &config,
        &mut "".as_bytes(),
        &mut out,
        &mut Vec::new(),
    )
    .unwrap_or_else(|e| panic!("{args:?}: {e}"));
    String::from_utf8(out).unwrap()
}

/// The same offline work synced in different orders ends in the same state, and of two
/// verdicts the later in time stands, whoever synced last.
#[test]
fn the_order_of_syncs_does_not_change_the_outcome() {
    let Some(server) = server("the_order_of_syncs_does_not_change_the_outcome") else {
        return;
    };
    let mut outcomes = Vec::new();
    for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
        let url = server.database();
        let desks = [Desk::new(), Desk::new(), Desk::new()];
        at(&desks[0], "2026-05-01T09:00:00Z", &["add", crate::SAMPLE]);
        for desk in &desks {
            sync(desk, &url);
        }
        let [ana, bo, cy] = &desks;
        at(
            ana,
            "2026-05-01T10:00:00Z",
            &[
                "mark",
                "6",
                "verified",
                "--source",
                "https://a.example/6",
                "--by",
                "ana",
            ],
        );
        at(
            cy,
            "2026-05-01T10:05:00Z",
            &[
                "mark",
                "6",
                "false",
                "--source",
                "https://c.example/6",
                "--by",
                "cy",
            ],
        );
        at(
            bo,
            "2026-05-01T10:01:00Z",
            &["assign", "6", "--to", "bo", "--by", "bo"],
        );
        at(
            bo,
            "2026-05-01T10:02:00Z",
            &["mark", "7", "in-progress", "--by", "bo"],
        );
        at(
            ana,
            "2026-05-01T10:03:00Z",
            &[
                "mark",
                "7",
                "verified",
                "--source",
                "https://a.example/7",
                "--by",
                "ana",
            ],
        );
        at(
            cy,
            "2026-05-01T10:04:00Z",
            &["source", "add", "7", "https://c.example/7", "--by", "cy"],
        );
        for _ in 0..2 {
            for &n in &order {
                sync(&desks[n], &url);
            }
        }
        let states: Vec<Replica> = desks.iter().map(|d| without_uids(replica(&d.db))).collect();
        assert_eq!(states[0], states[1], "order {order:?}");
        assert_eq!(states[0], states[2], "order {order:?}");
        for desk in &desks {
            let six = &desk.json(&["show", "6"])["claim"];
            assert_eq!(
                (&six["status"], &six["conflict"]),
                (&"false".into(), &true.into())
            );
            assert_eq!(six["assignee"], "bo");
            let seven = &desk.json(&["show", "7"])["claim"];
            assert_eq!(
                (&seven["status"], &seven["conflict"]),
                (&"verified".into(), &false.into())
            );
            assert_eq!(seven["sources"].as_array().unwrap().len(), 2);
        }
        outcomes.push(states.into_iter().next().unwrap());
    }
    assert_eq!(outcomes[0], outcomes[1]);
    assert_eq!(outcomes[0], outcomes[2]);
}
