//! Resolved settings: where the database is, how tables look, who is working and what time it
//! is. Commands take these instead of reading the environment themselves.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::report::TableStyle;

/// Settings every command runs with, resolved once from flags and the environment.
#[derive(Debug, Clone)]
pub struct Config {
    pub db_path: PathBuf,
    pub style: TableStyle,
    /// The time stamped on what is written; fixed by tests.
    pub now: DateTime<Utc>,
    /// Who is making changes when `--by` is not given.
    pub user: String,
    /// Draw progress bars on stderr (only when it is a terminal).
    pub progress: bool,
}

/// What `Config::resolve` reads besides flags, so that tests can hand in their own.
pub struct Environment<'a> {
    pub var: &'a dyn Fn(&str) -> Option<String>,
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
    pub terminal_width: Option<u16>,
}

impl Config {
    /// Resolve the database path (`--db`, else `CLAIMTRACK_DB`, else
    /// `$XDG_DATA_HOME/claimtrack/claims.db`, else `~/.local/share/claimtrack/claims.db`) and
    /// whether to colour (`--color`, `NO_COLOR`, `TERM=dumb`, terminal or not).
    pub fn resolve(db: Option<PathBuf>, color: &str, env: &Environment<'_>) -> Result<Config> {
        let var = |name: &str| (env.var)(name).filter(|v| !v.is_empty());
        let db_path = match db.or_else(|| var("CLAIMTRACK_DB").map(PathBuf::from)) {
            Some(path) => path,
            None => {
                let data_home = var("XDG_DATA_HOME")
                    .map(PathBuf::from)
                    .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".local/share")))
                    .ok_or_else(|| {
                        Error::Invalid(
                            "cannot find a place for the database: set --db, CLAIMTRACK_DB or HOME"
                                .into(),
                        )
                    })?;
                data_home.join("claimtrack").join("claims.db")
            }
        };
        crate::store::refuse_special_name(&db_path)?;
        let color = match color {
            "always" => true,
            "never" => false,
            "auto" => {
                env.stdout_is_terminal
                    && var("NO_COLOR").is_none()
                    && var("TERM").is_none_or(|t| t != "dumb")
            }
            other => {
                return Err(Error::Invalid(format!(
                    "--color takes auto, always or never, not '{other}'"
                )));
            }
        };
        // `COLUMNS` overrides what the terminal says; a fixed width off a terminal keeps
        // piped output and tests stable. Below 40 columns tables drop columns rather than
        // shrink further (`report::views::fit`).
        let width = var("COLUMNS")
            .and_then(|c| c.parse().ok())
            .or(env.terminal_width)
            .unwrap_or(120)
            .max(40);
        let user = match var("USER").or_else(|| var("USERNAME")) {
            Some(name) => crate::model::check_name(&name).map_err(|reason| {
                Error::Invalid(format!(
                    "$USER is not a usable checker name ({reason}): set USER to your name"
                ))
            })?,
            None => "unknown".to_string(),
        };
        Ok(Config {
            db_path,
            style: TableStyle { width, color },
            now: Utc::now(),
            user,
            progress: env.stderr_is_terminal,
        })
    }

    /// `now` as stored: RFC 3339 in UTC, to the second.
    pub fn now_text(&self) -> String {
        self.now.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_with(vars: &[(&str, &str)], db: Option<&str>, terminal: bool) -> Config {
        let lookup = |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        };
        let env = Environment {
            var: &lookup,
            stdout_is_terminal: terminal,
            stderr_is_terminal: false,
            terminal_width: None,
        };
        Config::resolve(db.map(PathBuf::from), "auto", &env).unwrap()
    }

    #[test]
    fn db_flag_wins_over_environment() {
        let config = resolve_with(&[("CLAIMTRACK_DB", "/env.db")], Some("/flag.db"), false);
        assert_eq!(config.db_path, PathBuf::from("/flag.db"));
    }

    #[test]
    fn claimtrack_db_wins_over_xdg() {
        let config = resolve_with(
            &[("CLAIMTRACK_DB", "/env.db"), ("XDG_DATA_HOME", "/xdg")],
            None,
            false,
        );
        assert_eq!(config.db_path, PathBuf::from("/env.db"));
    }

    #[test]
    fn xdg_data_home_then_home() {
        let config = resolve_with(
            &[("XDG_DATA_HOME", "/xdg"), ("HOME", "/home/a")],
            None,
            false,
        );
        assert_eq!(config.db_path, PathBuf::from("/xdg/claimtrack/claims.db"));
        let config = resolve_with(&[("HOME", "/home/a")], None, false);
        assert_eq!(
            config.db_path,
            PathBuf::from("/home/a/.local/share/claimtrack/claims.db")
        );
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color_or_dumb_term() {
        assert!(resolve_with(&[("HOME", "/h")], None, true).style.color);
        assert!(!resolve_with(&[("HOME", "/h")], None, false).style.color);
        assert!(
            !resolve_with(&[("HOME", "/h"), ("NO_COLOR", "1")], None, true)
                .style
                .color
        );
        assert!(
            !resolve_with(&[("HOME", "/h"), ("TERM", "dumb")], None, true)
                .style
                .color
        );
    }
}
