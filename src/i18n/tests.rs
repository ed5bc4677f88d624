use super::*;
use std::collections::BTreeSet;

fn placeholders(text: &str) -> BTreeSet<String> {
    // `{"instrument", ...}` in a message is JSON, not a placeholder: names are identifiers.
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            names.insert(name.to_string());
        }
        rest = &after[close + 1..];
    }
    names
}

#[test]
fn every_key_has_both_texts_with_the_same_placeholders() {
    let mut bad = Vec::new();
    for &key in M::ALL {
        let (en, id) = (Lang::En.t(key), Lang::Id.t(key));
        if en.trim().is_empty() || id.trim().is_empty() {
            bad.push(format!("{}: empty text", key.name()));
        }
        if placeholders(en) != placeholders(id) {
            bad.push(format!(
                "{}: en {:?} vs id {:?}",
                key.name(),
                placeholders(en),
                placeholders(id)
            ));
        }
    }
    assert!(bad.is_empty(), "catalogue problems:\n{}", bad.join("\n"));
}

/// A key no code uses is a translation nobody sees: every key's name must appear in the
/// sources outside the catalogue, as `M::Key` or in `tr!`/`text!`.
#[test]
fn every_key_is_used() {
    fn collect(dir: &std::path::Path, out: &mut String) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                if !path.ends_with("i18n") {
                    collect(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    let mut sources = String::new();
    collect(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut sources,
    );
    // The catalogue's own helpers use a few keys.
    sources.push_str(include_str!("labels.rs"));
    sources.push_str(include_str!("mod.rs"));
    let words: BTreeSet<&str> = sources
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    let unused: Vec<&str> = M::ALL
        .iter()
        .map(|k| k.name())
        .filter(|name| !words.contains(name))
        .collect();
    assert!(unused.is_empty(), "keys used nowhere: {unused:?}");
}

#[test]
fn placeholders_are_filled_by_name() {
    assert_eq!(
        tr!(
            Lang::En,
            CheckCounts,
            files = "2 files",
            errors = "1 error",
            warnings = "3 warnings"
        ),
        "2 files checked: 1 error, 3 warnings"
    );
    assert_eq!(tr!(Lang::Id, SlipLate, days = 12), "terlambat 12 hari");
    assert_eq!(
        fill("{a} and {b} and {c}", &[("a", &1), ("b", &"x")]),
        "1 and x and {c}"
    );
    assert_eq!(fill("open { brace", &[]), "open { brace");
    assert_eq!(
        Lang::En.plural(1, M::CheckFileOne, M::CheckFileMany),
        "1 file"
    );
    assert_eq!(
        Lang::En.plural(3, M::CheckFileOne, M::CheckFileMany),
        "3 files"
    );
    assert_eq!(
        Lang::Id.plural(3, M::CheckFileOne, M::CheckFileMany),
        "3 berkas"
    );
    let t = text!(CheckIdTwice, id = "a");
    assert_eq!(t.to_string(), "\"a\" is used twice");
    assert_eq!(t.render(Lang::Id), "\"a\" dipakai dua kali");
}

#[test]
fn dates_in_both_languages() {
    let d = Date::from_ymd_opt(2025, 8, 17).unwrap();
    assert_eq!(Lang::En.date(d), "2025-08-17");
    assert_eq!(Lang::Id.date(d), "17 Agustus 2025");
    assert_eq!(Lang::Id.date_short(d), "17 Agu 2025");
    assert_eq!(Lang::Id.month_year(d), "Agu 2025");
    assert_eq!(Lang::En.month_year(d), "Aug 2025");
    let may = Date::from_ymd_opt(2026, 5, 1).unwrap();
    assert_eq!(Lang::Id.date(may), "1 Mei 2026");
    assert_eq!(Lang::En.month_short(11), "Dec");
    assert_eq!(Lang::Id.month_short(11), "Des");
}

#[test]
fn languages_from_codes_and_locales() {
    assert_eq!(Lang::parse("id"), Some(Lang::Id));
    assert_eq!(Lang::parse("ID"), Some(Lang::Id));
    assert_eq!(Lang::parse("id_ID.UTF-8"), Some(Lang::Id));
    assert_eq!(Lang::parse("in_ID"), Some(Lang::Id));
    assert_eq!(Lang::parse("en_GB.UTF-8"), Some(Lang::En));
    assert_eq!(Lang::parse("en-US"), Some(Lang::En));
    assert_eq!(Lang::parse("C.UTF-8"), None);
    assert_eq!(Lang::parse("fr_FR"), None);
    assert_eq!(Lang::parse(""), None);
}

#[test]
fn flag_beats_setting_beats_environment() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    let id_env = env(&[("LANG", "id_ID.UTF-8")]);
    assert_eq!(choose(None, None, &id_env).lang, Lang::Id);
    assert_eq!(choose(None, Some("en"), &id_env).lang, Lang::En);
    assert_eq!(choose(Some("id"), Some("en"), &env(&[])).lang, Lang::Id);
    assert_eq!(choose(Some("en"), Some("id"), &id_env).lang, Lang::En);
    // LC_ALL wins over LANG, LC_MESSAGES too; an empty variable is skipped.
    let mixed = env(&[
        ("LC_ALL", ""),
        ("LC_MESSAGES", "id_ID.UTF-8"),
        ("LANG", "en_US.UTF-8"),
    ]);
    assert_eq!(choose(None, None, &mixed).lang, Lang::Id);
    let all = env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "id_ID.UTF-8")]);
    assert_eq!(choose(None, None, &all).lang, Lang::En);
    // A locale peta has no words for is English, quietly.
    let french = choose(None, None, &env(&[("LANG", "fr_FR.UTF-8")]));
    assert_eq!((french.lang, french.note), (Lang::En, None));
    // An unknown request is English with a note naming where it came from.
    let unknown = choose(Some("xx"), Some("id"), &id_env);
    assert_eq!(unknown.lang, Lang::En);
    let note = unknown.note.unwrap();
    assert!(
        note.contains("--lang") && note.contains("\"xx\"") && note.contains("English"),
        "{note}"
    );
    let unknown = choose(None, Some("klingon"), &id_env);
    assert_eq!(unknown.lang, Lang::En);
    assert!(unknown.note.unwrap().contains("config.json"));
    assert_eq!(choose(None, None, &env(&[])).lang, Lang::En);
}

#[test]
fn the_ui_language_is_per_thread() {
    set_current(Lang::Id);
    assert_eq!(ui(M::StatusLate), "terlambat");
    let other = std::thread::spawn(current).join().unwrap();
    assert_eq!(other, Lang::En);
    set_current(Lang::En);
}
