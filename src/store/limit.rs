//! The largest file peta reads. A roadmap takes a few times its size in memory once parsed, so
//! a runaway file (a 1 GB log saved as `.json`, `/dev/zero`) is refused up front with a clear
//! message instead of exhausting the machine. The limit is per process: the command line sets
//! it from `--max-size` or `PETA_MAX_FILE_SIZE`.

use super::LoadError;
use std::fs;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// 512 MiB: far above any real roadmap (100,000 items are about 40 MB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 512 * 1024 * 1024;

/// The environment variable that overrides the limit, e.g. `PETA_MAX_FILE_SIZE=2G`.
pub const MAX_FILE_SIZE_ENV: &str = "PETA_MAX_FILE_SIZE";

static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);

/// The largest file, in bytes, that loading accepts from now on.
pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

pub fn max_file_size() -> u64 {
    MAX_FILE_SIZE.load(Ordering::Relaxed)
}

/// `1048576`, `64K`, `512M`, `2G`, `1T` (powers of 1024; `KB`, `MiB`, ... also accepted).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let digits = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(digits);
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        _ => return Err(format!("{text:?} is not a size (e.g. 800M, 2G, 1048576)")),
    };
    let value: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size (e.g. 800M, 2G, 1048576)"))?;
    value
        .checked_mul(1u64 << shift)
        .ok_or_else(|| format!("{text:?} is too large a size"))
}

/// `536870912` as `512 MiB`, exact sizes in the largest unit that divides them.
pub fn show_size(bytes: u64) -> String {
    size_text(bytes).render(crate::i18n::Lang::En)
}

/// [`show_size`] in either language: the units are the same, `bytes` is a word.
pub fn size_text(bytes: u64) -> crate::i18n::Text {
    for (shift, unit) in [(40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if bytes >= 1 << shift && bytes.is_multiple_of(1 << shift) {
            return format!("{} {unit}", bytes >> shift).into();
        }
    }
    crate::text!(SizeBytes, n = bytes)
}

/// The whole file, unless it is larger than [`max_file_size`]. Files that do not know their
/// size (pipes, devices) are read up to the limit and refused past it.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_with_limit(path, max_file_size())
}

pub fn read_with_limit(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    let io_error = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let too_large = |size: Option<u64>| LoadError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
    };
    let file = fs::File::open(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > limit {
        return Err(too_large(Some(size)));
    }
    // A regular file's size is known; the cap still guards against one that grows meanwhile.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(None));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_in_powers_of_1024() {
        assert_eq!(parse_size("1048576"), Ok(1_048_576));
        assert_eq!(parse_size("64K"), Ok(65_536));
        assert_eq!(parse_size("512M"), Ok(DEFAULT_MAX_FILE_SIZE));
        assert_eq!(parse_size("2gib"), Ok(2 << 30));
        assert_eq!(parse_size(" 1 TB "), Ok(1 << 40));
        assert!(parse_size("").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("1.5G").is_err());
        assert!(parse_size("99999999999999T").is_err());
    }

    #[test]
    fn sizes_show_in_the_largest_exact_unit() {
        assert_eq!(show_size(DEFAULT_MAX_FILE_SIZE), "512 MiB");
        assert_eq!(show_size(1 << 30), "1 GiB");
        assert_eq!(show_size(2048), "2 KiB");
        assert_eq!(show_size(1536), "1536 bytes");
        assert_eq!(show_size(1000), "1000 bytes");
        assert_eq!(show_size(0), "0 bytes");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        fs::write(&path, "{}\n").unwrap();
        assert_eq!(read_with_limit(&path, 3).unwrap(), b"{}\n");
        match read_with_limit(&path, 2) {
            Err(LoadError::TooLarge { size, limit, .. }) => {
                assert_eq!((size, limit), (Some(3), 2));
            }
            other => panic!("{other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_device_without_a_size_is_read_only_up_to_the_limit() {
        match read_with_limit(Path::new("/dev/zero"), 4096) {
            Err(LoadError::TooLarge {
                size: None,
                limit: 4096,
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
    }
}
