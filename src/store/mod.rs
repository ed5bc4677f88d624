//! Roadmap files on disk: loading with precise errors, canonical and atomic saving.

mod canonical;
mod encoding;
pub mod import;
pub mod journal;
mod json;
mod limit;
pub mod paths;
mod revision;
mod stream;

pub use canonical::{to_canonical_string, write_canonical};
pub use limit::{
    max_file_size, parse_size, read_limited, read_with_limit, set_max_file_size, show_size,
    size_text, DEFAULT_MAX_FILE_SIZE, MAX_FILE_SIZE_ENV,
};
pub use revision::load_source;

use crate::model::{self, Roadmap};
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Why a file could not be turned into a roadmap at all (validation problems are separate).
#[derive(Debug)]
pub enum LoadError {
    Io {
        path: PathBuf,
        source: io::Error,
    },
    Empty {
        path: PathBuf,
    },
    /// Larger than the limit (`size` is `None` for a pipe or device that kept going).
    TooLarge {
        path: PathBuf,
        size: Option<u64>,
        limit: u64,
    },
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    Structure {
        path: PathBuf,
        messages: Vec<String>,
    },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::Empty { path }
            | LoadError::TooLarge { path, .. }
            | LoadError::Syntax { path, .. }
            | LoadError::Structure { path, .. } => path,
        }
    }
}

impl LoadError {
    /// The message in a language: peta's own words are translated; the operating system's and
    /// the JSON parser's are not, and structure errors (rare, for hand-broken files) stay English.
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        use crate::tr;
        let file = self.path().display();
        match self {
            LoadError::Io { source, .. } => tr!(lang, LoadCannotRead, file = file, error = source),
            LoadError::Empty { .. } => tr!(lang, LoadEmpty, file = file),
            LoadError::TooLarge { size, limit, .. } => {
                let size = size.map(|size| format!("{}, ", size_text(size).render(lang)));
                tr!(
                    lang,
                    LoadTooLarge,
                    file = file,
                    size = size.unwrap_or_default(),
                    limit = size_text(*limit).render(lang),
                    env = MAX_FILE_SIZE_ENV
                )
            }
            LoadError::Syntax {
                line,
                column,
                message,
                ..
            } => tr!(
                lang,
                LoadSyntax,
                file = file,
                line = line,
                column = column,
                error = message
            ),
            LoadError::Structure { messages, .. } => {
                let lines: Vec<String> = messages.iter().map(|m| format!("{file}: {m}")).collect();
                lines.join("\n")
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::i18n::Lang::En))
    }
}

impl std::error::Error for LoadError {}

/// A loaded roadmap and the fingerprint of the bytes it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub roadmap: Roadmap,
    pub fingerprint: Fingerprint,
}

/// Identifies file contents, so a save can tell whether someone else changed the file. The
/// hash is FNV-1a's xor-and-multiply step over the bytes taken as 64-bit little-endian words
/// (eight times faster than byte by byte on a large file), then the tail bytes, then the
/// length: fixed, so it stays comparable across runs and versions and can be kept in a
/// recovery journal. Not cryptographic: it guards against accidents, not adversaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint(u64);

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        const PRIME: u64 = 0x0100_0000_01b3;
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut le = [0u8; 8];
            le.copy_from_slice(word);
            hash = (hash ^ u64::from_le_bytes(le)).wrapping_mul(PRIME);
        }
        for &byte in words.remainder() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(PRIME);
        }
        Fingerprint((hash ^ bytes.len() as u64).wrapping_mul(PRIME))
    }

    /// Sixteen hex digits, for files that record a fingerprint.
    pub fn to_hex(self) -> String {
        format!("{:016x}", self.0)
    }

    pub fn from_hex(text: &str) -> Option<Fingerprint> {
        (text.len() == 16)
            .then(|| u64::from_str_radix(text, 16).ok())
            .flatten()
            .map(Fingerprint)
    }
}

/// What the file system says about a file without reading it: cheap to ask every second or
/// two, to notice that someone else replaced the file. Equal stamps mean "very likely the
/// same contents"; a different stamp is confirmed by reading and comparing fingerprints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub modified: Option<SystemTime>,
    pub len: u64,
}

impl Stamp {
    /// The stamp of the file at `path` (following symbolic links).
    pub fn of(path: &Path) -> io::Result<Stamp> {
        let meta = fs::metadata(path)?;
        Ok(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

/// Reads and parses a roadmap file, refusing one larger than [`max_file_size`].
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = read_limited(path)?;
    parse(path, &bytes).map(|roadmap| Loaded {
        roadmap,
        fingerprint: Fingerprint::of(&bytes),
    })
}

/// Parses file contents; `path` only names the file in errors.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Roadmap, LoadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    // A byte-order mark is legal in UTF-8 files from some editors; it carries no data.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(roadmap) = stream::read(bytes) {
        return Ok(roadmap);
    }
    // Something unusual: the two-step path finds and words the error (or, should the fast
    // path have given up on a file it could read, reads it).
    model::from_value(parse_json(path, bytes)?).map_err(|err| LoadError::Structure {
        path: path.to_path_buf(),
        messages: err.messages,
    })
}

/// File contents as a JSON value (refusing repeated keys, like loading does); `path` only names
/// the file in errors. For tools that work on the JSON itself, such as `peta merge`.
pub fn parse_json(path: &Path, bytes: &[u8]) -> Result<serde_json::Value, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    json::parse_value(bytes).map_err(|err| {
        // A file in another encoding fails somewhere; name the encoding rather than the place.
        let (line, column, message) = encoding::not_utf8(bytes).unwrap_or_else(|| {
            let mut message = syntax_message(&err);
            if let Some(hint) = encoding::conflict_hint(bytes, err.line()) {
                message = format!("{message}; {hint}");
            }
            (err.line(), err.column(), message)
        });
        LoadError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    })
}

/// serde_json appends " at line L column C"; the location is already in front.
fn syntax_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Why a save did not happen.
#[derive(Debug)]
pub enum SaveError {
    Io {
        path: PathBuf,
        source: io::Error,
    },
    /// The file on disk is not what was loaded: someone else changed it since.
    ChangedOnDisk {
        path: PathBuf,
    },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Io { path, source } => {
                write!(f, "{}: cannot save: {source}", path.display())
            }
            SaveError::ChangedOnDisk { path } => write!(
                f,
                "{}: the file changed on disk since it was opened; not overwriting it",
                path.display()
            ),
        }
    }
}

impl std::error::Error for SaveError {}

/// Saves in the canonical form, atomically. With `expected`, refuses to replace a file whose
/// contents are no longer the ones loaded (a missing file counts as changed only if one was
/// expected). Returns the fingerprint of what was written.
pub fn save(
    path: &Path,
    roadmap: &Roadmap,
    expected: Option<Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    save_with(path, roadmap, expected, write_atomic)
}

/// [`save`] with the final write done by `write` (normally [`write_atomic`]): lets the terminal
/// UI's tests put a failing disk (no space left) under a real save.
pub fn save_with(
    path: &Path,
    roadmap: &Roadmap,
    expected: Option<Fingerprint>,
    write: impl FnOnce(&Path, &[u8]) -> io::Result<()>,
) -> Result<Fingerprint, SaveError> {
    if let Some(expected) = expected {
        let current = fs::read(path).map(|bytes| Fingerprint::of(&bytes));
        if current.ok() != Some(expected) {
            return Err(SaveError::ChangedOnDisk {
                path: path.to_path_buf(),
            });
        }
    }
    let text = to_canonical_string(roadmap);
    write(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Fingerprint::of(text.as_bytes()))
}

/// Saves a new file; fails with `AlreadyExists` rather than replace one (`peta new`).
pub fn create(path: &Path, roadmap: &Roadmap) -> Result<Fingerprint, SaveError> {
    let text = to_canonical_string(roadmap);
    let io_error = |source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    };
    let temp = written_temp_file(path, text.as_bytes()).map_err(io_error)?;
    temp.persist_noclobber(path)
        .map_err(|err| io_error(err.error))?;
    Ok(Fingerprint::of(text.as_bytes()))
}

/// The bytes in a flushed temporary file beside `target`, with the mode a new file would get
/// (the umask applies) or the mode `target` already has.
fn written_temp_file(target: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".peta-save-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder_of(target))?;
    if let Ok(meta) = fs::metadata(target) {
        // A file shared in git keeps its mode.
        fs::set_permissions(temp.path(), meta.permissions())?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Writes through a temporary file in the same folder, flushed to disk, renamed over the
/// target: a crash leaves the old file or the new one, never a torn one. Keeps the old file's
/// permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // Through a symbolic link, the linked file is the one to replace, not the link.
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let temp = written_temp_file(&target, bytes)?;
    temp.persist(&target).map_err(|err| err.error)?;
    if let Ok(dir) = fs::File::open(folder_of(&target)) {
        let _ = dir.sync_all();
    }
    Ok(())
}
