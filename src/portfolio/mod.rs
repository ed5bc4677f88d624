//! A national portfolio: many agencies' and regions' roadmaps, each in its own file, read as
//! one plan so the critical path runs across agencies.
//!
//! The portfolio file (`peta-portfolio/1`, see docs/format.md) lists member roadmaps by path
//! relative to itself, each with a member id. An item may depend on another member's item as
//! `"member-id:item-id"`. [`Portfolio::combine`] builds one ordinary [`Roadmap`] from the
//! members, with every id made unique by its member (`member:item`, sectors and funding
//! schemes likewise), so validation, scheduling, reports and the TUI run on it unchanged and
//! stay linear; [`Portfolio::split`] turns an edited combined roadmap back into member
//! roadmaps, and [`Portfolio::save`] writes only the members that changed.

mod check;
mod combine;
mod file;
mod report;

pub use check::{validate, PortfolioProblem};
pub use combine::{Combined, Origin};
pub use file::{from_value, is_portfolio, to_canonical_string, MemberEntry, PortfolioFile, FORMAT};
pub use report::{members_text, members_text_in, schedule_json, MemberSummary};

use crate::i18n::{Lang, Text, M};
use crate::model::Roadmap;
use crate::store::{self, Fingerprint, LoadError, Loaded, SaveError};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// One member roadmap as loaded from its file.
#[derive(Debug, Clone)]
pub struct Member {
    pub entry: MemberEntry,
    /// The file, as the portfolio's folder joined with the entry's path.
    pub path: PathBuf,
    pub roadmap: Roadmap,
    /// Of the file as loaded or last saved; a save refuses when the file no longer matches.
    pub fingerprint: Fingerprint,
}

/// A loaded portfolio: the file and every member roadmap.
#[derive(Debug, Clone)]
pub struct Portfolio {
    pub path: PathBuf,
    pub file: PortfolioFile,
    pub members: Vec<Member>,
}

/// Why a portfolio could not be read: the file itself is not JSON, or a member or field is
/// wrong (each message names the member and the field; member files are named in full).
#[derive(Debug)]
pub enum PortfolioError {
    File(LoadError),
    Invalid { path: PathBuf, messages: Vec<Text> },
}

impl PortfolioError {
    /// How many problems the error holds, for `peta check`'s count.
    pub fn count(&self) -> usize {
        match self {
            PortfolioError::File(LoadError::Structure { messages, .. }) => messages.len(),
            PortfolioError::Invalid { messages, .. } => messages.len(),
            PortfolioError::File(_) => 1,
        }
    }

    /// The error in `lang`, one line per problem, each after the portfolio file's name.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            PortfolioError::File(err) => err.render(lang),
            PortfolioError::Invalid { path, messages } => {
                let lines: Vec<String> = messages
                    .iter()
                    .map(|m| format!("{}: {}", path.display(), m.render(lang)))
                    .collect();
                lines.join("\n")
            }
        }
    }
}

impl fmt::Display for PortfolioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for PortfolioError {}

impl From<LoadError> for PortfolioError {
    fn from(err: LoadError) -> Self {
        PortfolioError::File(err)
    }
}

/// A file opened by a command that takes either kind.
#[derive(Debug)]
pub enum Opened {
    Roadmap(Loaded),
    Portfolio(Box<Portfolio>),
}

/// Reads a roadmap or, when its `format` says so, a portfolio with all its members.
pub fn open(path: &Path) -> Result<Opened, PortfolioError> {
    let bytes = read(path)?;
    if is_portfolio(&bytes) {
        return Portfolio::from_bytes(path, &bytes).map(|p| Opened::Portfolio(Box::new(p)));
    }
    let roadmap = store::parse(path, &bytes)?;
    Ok(Opened::Roadmap(Loaded {
        roadmap,
        fingerprint: Fingerprint::of(&bytes),
    }))
}

/// Reads a file within the size limit (a 1 GB file is refused before it is read).
fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    store::read_limited(path)
}

impl Portfolio {
    pub fn load(path: &Path) -> Result<Portfolio, PortfolioError> {
        let bytes = read(path)?;
        Portfolio::from_bytes(path, &bytes)
    }

    /// Reads the portfolio from its bytes and each member from its file. Every problem is
    /// collected, so one run names all missing or broken members.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Portfolio, PortfolioError> {
        let value = store::parse_json(path, bytes)?;
        let file = from_value(value).map_err(|messages| PortfolioError::Invalid {
            path: path.to_path_buf(),
            messages,
        })?;
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let paths: Vec<PathBuf> = file
            .members
            .iter()
            .map(|entry| {
                if folder == Path::new(".") {
                    PathBuf::from(&entry.path)
                } else {
                    folder.join(&entry.path)
                }
            })
            .collect();
        let results = load_members(&file.members, &paths);
        let mut messages = Vec::new();
        let mut members = Vec::with_capacity(file.members.len());
        for ((entry, member_path), result) in file.members.iter().zip(paths).zip(results) {
            match result {
                Ok(loaded) => members.push(Member {
                    entry: entry.clone(),
                    path: member_path,
                    roadmap: loaded.roadmap,
                    fingerprint: loaded.fingerprint,
                }),
                Err(mut more) => messages.append(&mut more),
            }
        }
        if !messages.is_empty() {
            return Err(PortfolioError::Invalid {
                path: path.to_path_buf(),
                messages,
            });
        }
        Ok(Portfolio {
            path: path.to_path_buf(),
            file,
            members,
        })
    }

    /// The member with this id.
    pub fn member(&self, id: &str) -> Option<usize> {
        self.members.iter().position(|m| m.entry.id == id)
    }

    /// Writes the members whose roadmap differs in `combined` from what is on disk, each to
    /// its own file, canonically and atomically; the portfolio file and unchanged members are
    /// not touched. Without `force`, refuses to replace a member file that changed on disk
    /// since it was read. Returns the files written, in member order.
    pub fn save(&mut self, combined: &Roadmap, force: bool) -> Result<Vec<PathBuf>, SaveError> {
        // Saving is the terminal UI's: the message is in its language.
        let split = self.split(combined).map_err(|message| SaveError::Io {
            path: self.path.clone(),
            source: io::Error::other(message.render(crate::i18n::current())),
        })?;
        // What the members look like when nothing was edited: comparing with this rather than
        // the loaded roadmaps means a file is never rewritten only because splitting spells a
        // reference differently (`own-member:item` becomes `item`).
        let unchanged = match self.split(&self.combine().roadmap) {
            Ok(members) => members,
            Err(_) => self.members.iter().map(|m| m.roadmap.clone()).collect(),
        };
        let mut written = Vec::new();
        for ((member, new), old) in self.members.iter_mut().zip(split).zip(unchanged) {
            if new == old {
                continue;
            }
            let expected = (!force).then_some(member.fingerprint);
            member.fingerprint = store::save(&member.path, &new, expected)?;
            member.roadmap = new;
            written.push(member.path.clone());
        }
        Ok(written)
    }
}

/// Reads the member files, on as many threads as there are cores: members are independent,
/// and reading 500 of them one after another was most of the time of opening a large
/// portfolio. Results are in member order.
fn load_members(entries: &[MemberEntry], paths: &[PathBuf]) -> Vec<Result<Loaded, Vec<Text>>> {
    let threads = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .min(entries.len().max(1));
    if threads <= 1 {
        return entries
            .iter()
            .zip(paths)
            .map(|(entry, path)| load_member(entry, path))
            .collect();
    }
    let chunk = entries.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = entries
            .chunks(chunk)
            .zip(paths.chunks(chunk))
            .map(|(entries, paths)| {
                scope.spawn(move || {
                    entries
                        .iter()
                        .zip(paths)
                        .map(|(entry, path)| load_member(entry, path))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .zip(entries.chunks(chunk))
            .flat_map(|(handle, entries)| {
                // A panicking reader is a bug; report it against its members rather than abort.
                handle.join().unwrap_or_else(|_| {
                    entries
                        .iter()
                        .map(|entry| {
                            Err(vec![file::about(
                                M::PortReadInternal,
                                &file::member_named(&entry.id),
                                &[],
                            )])
                        })
                        .collect()
                })
            })
            .collect()
    })
}

fn load_member(entry: &MemberEntry, path: &Path) -> Result<Loaded, Vec<Text>> {
    let who = file::member_named(&entry.id);
    let shown = path.display();
    let bytes = match store::read_limited(path) {
        Ok(bytes) => bytes,
        Err(LoadError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return Err(vec![file::about(
                M::PortNoSuchFile,
                &who,
                &[("path", &entry.path), ("file", &shown)],
            )])
        }
        Err(LoadError::Io { source, .. }) => {
            return Err(vec![file::about(
                M::PortCannotRead,
                &who,
                &[("path", &entry.path), ("file", &shown), ("error", &source)],
            )])
        }
        Err(err) => {
            return Err(load_error_texts(&err)
                .into_iter()
                .map(|error| {
                    Text::Key(
                        M::PortPathError,
                        vec![
                            ("who", who.clone()),
                            ("path", Text::from(entry.path.clone())),
                            ("error", error),
                        ],
                    )
                })
                .collect())
        }
    };
    if is_portfolio(&bytes) {
        return Err(vec![file::about(
            M::PortIsPortfolio,
            &who,
            &[("path", &entry.path)],
        )]);
    }
    match store::parse(path, &bytes) {
        Ok(roadmap) => Ok(Loaded {
            roadmap,
            fingerprint: Fingerprint::of(&bytes),
        }),
        // The roadmap error names the member file (and line); say which member it is.
        Err(err) => Err(load_error_texts(&err)
            .into_iter()
            .map(|line| {
                Text::Key(
                    M::PortMemberLine,
                    vec![("who", who.clone()), ("line", line)],
                )
            })
            .collect()),
    }
}

/// A member file's load error as translatable lines, as [`LoadError::render`] words them
/// (kept as [`Text`] so the portfolio's error renders in the language chosen later).
fn load_error_texts(err: &LoadError) -> Vec<Text> {
    use crate::text;
    let file = err.path().display().to_string();
    match err {
        LoadError::Io { source, .. } => vec![text!(LoadCannotRead, file = file, error = source)],
        LoadError::Empty { .. } => vec![text!(LoadEmpty, file = file)],
        LoadError::TooLarge { size, limit, .. } => {
            // The size is followed by ", " when known (as `LoadError::render` writes it).
            let size = match size {
                Some(size) => Text::Key(M::PortSizeThen, vec![("size", store::size_text(*size))]),
                None => Text::from(""),
            };
            vec![Text::Key(
                M::LoadTooLarge,
                vec![
                    ("file", Text::from(file)),
                    ("size", size),
                    ("limit", store::size_text(*limit)),
                    ("env", Text::from(store::MAX_FILE_SIZE_ENV)),
                ],
            )]
        }
        LoadError::Syntax {
            line,
            column,
            message,
            ..
        } => vec![text!(
            LoadSyntax,
            file = file,
            line = line,
            column = column,
            error = message
        )],
        // Structure errors are English (see `LoadError::render`).
        LoadError::Structure { messages, .. } => messages
            .iter()
            .map(|m| Text::from(format!("{file}: {m}")))
            .collect(),
    }
}
