//! Why a file that is not JSON is not: plainer words than the parser's for the usual culprits
//! (a file saved as UTF-16 or in a legacy code page, an unresolved git merge conflict).

/// A message for bytes that are not UTF-8 text, with the 1-based line and column of the first
/// bad byte; `None` when the bytes are UTF-8.
pub(super) fn not_utf8(bytes: &[u8]) -> Option<(usize, usize, String)> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let message = "the file is UTF-16 text; save it as UTF-8".to_string();
        return Some((1, 1, message));
    }
    let err = std::str::from_utf8(bytes).err()?;
    let good = &bytes[..err.valid_up_to()];
    let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = good
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    // Columns count bytes, as the parser's do (docs/format.md).
    let column = good.len() - line_start + 1;
    let byte = bytes.get(err.valid_up_to()).copied().unwrap_or(0);
    let message = format!("byte 0x{byte:02X} is not UTF-8 text; save the file as UTF-8");
    Some((line, column, message))
}

/// A hint for a syntax error on a line that holds a git conflict marker.
pub(super) fn conflict_hint(bytes: &[u8], line: usize) -> Option<&'static str> {
    let text = bytes.split(|&b| b == b'\n').nth(line.checked_sub(1)?)?;
    let marker = [&b"<<<<<<<"[..], b"=======", b">>>>>>>", b"|||||||"]
        .iter()
        .any(|marker| text.starts_with(marker));
    marker.then_some(
        "the file holds an unresolved git merge conflict; resolve it (`peta git-setup` lets git merge roadmaps by item)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_bad_byte_is_located() {
        assert_eq!(not_utf8(b"{\"a\": 1}"), None);
        let (line, column, message) = not_utf8(b"{\n  \"t\": \"caf\xE9\"\n}").unwrap();
        assert_eq!((line, column), (2, 12));
        assert_eq!(
            message,
            "byte 0xE9 is not UTF-8 text; save the file as UTF-8"
        );
        // Columns count bytes: `é` takes two and the emoji four.
        let (_, column, _) = not_utf8(b"\"\xC3\xA9\xF0\x9F\x98\x80\xFF").unwrap();
        assert_eq!(column, 8);
        assert_eq!(
            not_utf8(b"\xFF\xFE{\x00").map(|(l, c, _)| (l, c)),
            Some((1, 1))
        );
    }

    #[test]
    fn conflict_markers_are_recognised_on_their_line() {
        let text = b"{\n<<<<<<< HEAD\n  \"a\": 1\n}";
        assert!(conflict_hint(text, 2).is_some());
        assert!(conflict_hint(text, 3).is_none());
        assert!(conflict_hint(text, 0).is_none());
        assert!(conflict_hint(text, 9).is_none());
    }
}
