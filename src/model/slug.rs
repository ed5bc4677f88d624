//! Names turned into ids: used where peta makes an id from a title (imports, calendar UIDs).

/// Lower-cased `keep` characters of `name`, every run of other characters as one `-`, no
/// `-` at either end; `fallback` when nothing is left. `keep` decides the alphabet: imports
/// keep any letter or digit (`char::is_alphanumeric`), a calendar UID host part only ASCII ones.
pub fn slug(name: &str, fallback: &str, keep: impl Fn(char) -> bool) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if keep(c) {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn the_alphabet_decides_what_a_separator_is() {
        assert_eq!(
            slug("  Café: Jawa Barat! ", "x", char::is_alphanumeric),
            "café-jawa-barat"
        );
        assert_eq!(
            slug("  Café: Jawa Barat! ", "x", |c| c.is_ascii_alphanumeric()),
            "caf-jawa-barat"
        );
        assert_eq!(slug("§§", "roadmap", char::is_alphanumeric), "roadmap");
    }
}
