//! The language of the command line: `--lang`, `config.json` "lang", and the locale.

mod common;

use common::{peta, write, SAMPLE, TODAY};

const BROKEN: &str = r#"{"format": "peta-roadmap/1", "title": "T", "currency": "IDR",
 "start": "2025-01-01", "end": "2025-12-31",
 "sectors": [{"id": "s", "name": "S"}], "funding_schemes": [],
 "items": [{"id": "a", "title": "A", "kind": "milestone", "sector": "x",
            "start": "2025-01-01", "end": "2025-02-01", "depends_on": [{"id": "zz"}]}]}"#;

fn stdout(cmd: &mut assert_cmd::Command) -> (String, String, i32) {
    let out = cmd.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn check_speaks_indonesian_with_lang_id() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bad.json", BROKEN);
    let (out, err, code) = stdout(peta().args(["check", "--lang", "id"]).arg(&file));
    assert_eq!(code, 1);
    assert_eq!(err, "");
    let name = file.display();
    assert_eq!(
        out,
        format!(
            "{name}: butir \"a\": sector: \"x\" bukan sektor peta jalan ini\n\
             {name}: butir \"a\": end: tonggak capaian hanya satu hari: mulai 2025-01-01 dan selesai 2025-02-01 harus sama\n\
             {name}: butir \"a\": depends_on \"zz\": butir ini tidak ada\n\
             1 berkas diperiksa: 3 galat, 0 peringatan\n"
        )
    );
    // English stays as it was.
    let (out, _, _) = stdout(peta().arg("check").arg(&file));
    assert!(out.contains("item \"a\": depends_on \"zz\": no such item\n"));
    assert!(out.ends_with("1 file checked: 3 errors, 0 warnings\n"));
}

#[test]
fn the_locale_chooses_indonesian() {
    for (var, value) in [
        ("LANG", "id_ID.UTF-8"),
        ("LC_ALL", "id_ID.UTF-8"),
        ("LC_MESSAGES", "id"),
    ] {
        let (out, err, code) = stdout(peta().env(var, value).args(["check", SAMPLE]));
        assert_eq!((code, err.as_str()), (0, ""), "{var}={value}");
        assert!(
            out.contains("peringatan: skema pendanaan \"apbn\": ceilings.2027: baris pendanaan tahun 2027 berjumlah Rp 5,2 T"),
            "{var}={value}: {out}"
        );
        assert!(
            out.ends_with("1 berkas diperiksa: 0 galat, 24 peringatan\n"),
            "{out}"
        );
    }
    // LC_ALL overrides LANG; --lang overrides both.
    let (out, _, _) = stdout(
        peta()
            .env("LC_ALL", "en_US.UTF-8")
            .env("LANG", "id_ID.UTF-8")
            .args(["check", SAMPLE]),
    );
    assert!(
        out.ends_with("1 file checked: 0 errors, 24 warnings\n"),
        "{out}"
    );
    let (out, _, _) = stdout(
        peta()
            .env("LANG", "id_ID.UTF-8")
            .args(["check", SAMPLE, "--lang", "en"]),
    );
    assert!(
        out.ends_with("1 file checked: 0 errors, 24 warnings\n"),
        "{out}"
    );
}

#[test]
fn an_unknown_language_falls_back_to_english_with_a_note() {
    let (out, err, code) = stdout(
        peta()
            .env("LANG", "id_ID.UTF-8")
            .args(["check", SAMPLE, "--lang", "xx"]),
    );
    assert_eq!(code, 0);
    assert_eq!(
        err,
        "peta: --lang: unknown language \"xx\"; using English (available: en, id)\n"
    );
    assert!(out.ends_with("1 file checked: 0 errors, 24 warnings\n"));
}

#[test]
fn the_config_setting_sits_between_flag_and_environment() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "config.json",
        "{\"lang\": \"id\", \"keep\": 1}\n",
    );
    let with_config = || {
        let mut cmd = peta();
        cmd.env("PETA_CONFIG_DIR", dir.path());
        cmd
    };
    let (out, _, _) = stdout(
        with_config()
            .env("LANG", "en_US.UTF-8")
            .args(["check", SAMPLE]),
    );
    assert!(
        out.ends_with("1 berkas diperiksa: 0 galat, 24 peringatan\n"),
        "{out}"
    );
    let (out, _, _) = stdout(with_config().args(["check", SAMPLE, "--lang", "en"]));
    assert!(
        out.ends_with("1 file checked: 0 errors, 24 warnings\n"),
        "{out}"
    );

    write(dir.path(), "config.json", "{\"lang\": \"jawa\"}\n");
    let (out, err, _) = stdout(
        with_config()
            .env("LANG", "id_ID.UTF-8")
            .args(["check", SAMPLE]),
    );
    assert!(
        err.contains("config.json \"lang\": unknown language \"jawa\""),
        "{err}"
    );
    assert!(
        out.ends_with("1 file checked: 0 errors, 24 warnings\n"),
        "{out}"
    );
}

#[test]
fn summary_in_indonesian() {
    let (out, err, code) = stdout(peta().args([
        "summary", SAMPLE, "--today", TODAY, "--width", "100", "--lang", "id",
    ]));
    assert_eq!(code, 0, "{err}");
    for words in [
        "Cakupan waktu: 1 Januari 2025 s.d. 31 Desember 2029 (5 tahun)",
        "Per tanggal: 1 Juni 2026",
        "Jalur kritis",
        "Terlambat, terhambat, dan berisiko",
        "terhambat oleh regulasi",
        "Pendanaan",
        "Kesenjangan pendanaan",
        "Regulasi yang belum ditetapkan",
        "! kritis",
    ] {
        assert!(out.contains(words), "{words:?} missing in\n{out}");
    }
    for english in [
        "Critical path",
        "Forecast finish",
        "Funding gap",
        "blocked by",
    ] {
        assert!(!out.contains(english), "{english:?} left in\n{out}");
    }
    let (md, _, _) = stdout(peta().args([
        "summary", SAMPLE, "--today", TODAY, "--format", "markdown", "--lang", "id",
    ]));
    assert!(md.contains("## Jalur kritis\n"), "{md}");
    assert!(
        md.contains("| Status | Butir |\n| --- | ---: |\n| selesai | 21 |\n"),
        "{md}"
    );
}

#[test]
fn html_export_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("peta.html");
    let (_, err, code) = stdout(
        peta()
            .args([
                "export", SAMPLE, "--format", "html", "--today", TODAY, "--lang", "id", "-o",
            ])
            .arg(&out),
    );
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(&out).unwrap();
    for words in [
        "<html lang=\"id\">",
        "<h2>Linimasa</h2>",
        "<h2>Jalur kritis</h2>",
        "<h2>Perlu perhatian</h2>",
        "<h2>Pendanaan</h2>",
        "Cakupan waktu 1 Januari 2025 s.d. 31 Desember 2029 · per 1 Juni 2026 · 59 butir dalam 8 sektor",
        "Prakiraan selesai <b>14 Desember 2029</b> dibanding target selesai 31 Desember 2029",
        "<th>terhambat</th>",
        "terhambat oleh regulasi",
        "Semua skema",
        "Diekspor oleh peta dari berkas peta jalan; status per 1 Juni 2026.",
        ">T1</text>",
    ] {
        assert!(html.contains(words), "{words:?} missing");
    }
    // The status classes keep the file's English words so the style sheet still applies.
    assert!(html.contains("<tr class=\"blocked\"><td>terhambat</td>"));
    for english in [
        "<h2>Timeline</h2>",
        "Needs attention",
        "Exported by peta",
        "All schemes",
    ] {
        assert!(!html.contains(english), "{english:?} left in");
    }
}

#[test]
fn schedule_in_indonesian() {
    let (out, err, code) =
        stdout(peta().args(["schedule", SAMPLE, "--today", TODAY, "--lang", "id"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("SPBE roadmap 2025-2029 (per 1 Juni 2026)\nPrakiraan selesai 14 Desember 2029, target selesai 31 Desember 2029: lebih cepat 17 hari\n"), "{out}");
    assert!(out.contains("MULAI AWAL  SELESAI AWAL"), "{out}");
    assert!(
        out.contains(
            "59 butir, 11 kritis (*), 1 nyaris kritis (~), 0 terlambat, 1 terhambat, 0 berisiko"
        ),
        "{out}"
    );
    assert!(out.contains("  terhambat data-interoperability-bus: terhambat oleh regulasi permen-interoperability (penyusunan)\n"), "{out}");
    // English is unchanged.
    let (out, _, _) = stdout(peta().args(["schedule", SAMPLE, "--today", TODAY]));
    assert!(
        out.starts_with("SPBE roadmap 2025-2029 (as of 2026-06-01)\n"),
        "{out}"
    );
    assert!(out.contains("EARLY START"));
}

#[test]
fn wrong_value_types_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "types.json",
        r#"{"format": "peta-roadmap/1", "title": "T", "currency": "IDR",
 "start": "2025-01-01", "end": "2025-12-31",
 "sectors": [{"id": "s", "name": "S"}], "funding_schemes": [],
 "items": [{"id": "a", "title": "A", "kind": "project", "sector": "s",
            "start": "2025-02-30", "end": "2025-03-01", "progress": 120,
            "depends_on": [{"id": "b", "lag_days": "x"}]},
           {"id": "b", "title": "B", "kind": "initiative", "sector": "s",
            "start": "2025-01-01", "end": 5}]}"#,
    );
    let (out, _, code) = stdout(peta().args(["check", "--lang", "id"]).arg(&file));
    assert_eq!(code, 1);
    let name = file.display();
    for line in [
        format!("{name}: butir \"a\": kind: \"project\" bukan jenis yang dikenal; seharusnya \"initiative\", \"milestone\" atau \"regulation\""),
        format!("{name}: butir \"a\": start: \"2025-02-30\" bukan tanggal yang sah dalam bentuk YYYY-MM-DD"),
        format!("{name}: butir \"a\": progress: 120 di luar rentang; harus bilangan bulat dari 0 sampai 100"),
        format!("{name}: butir \"a\": depends_on \"b\": lag_days: harus bilangan bulat hari dari -36500 sampai 36500, ditemukan teks"),
        format!("{name}: butir \"b\": end: harus berupa tanggal YYYY-MM-DD, ditemukan angka"),
    ] {
        assert!(out.contains(&line), "{line:?} missing in\n{out}");
    }
    let (out, _, _) = stdout(peta().arg("check").arg(&file));
    for line in [
        "kind: \"project\" is not a kind; expected \"initiative\", \"milestone\" or \"regulation\"",
        "progress: 120 is out of range; must be an integer from 0 to 100",
        "end: must be a date string YYYY-MM-DD, found a number",
    ] {
        assert!(out.contains(line), "{line:?} missing in\n{out}");
    }
}

#[test]
fn funding_regulations_and_talent_reports_in_indonesian() {
    let run = |command: &str| {
        let (out, err, code) =
            stdout(peta().args([command, SAMPLE, "--today", TODAY, "--lang", "id"]));
        assert_eq!(code, 0, "{command}: {err}");
        out
    };
    let funding = run("funding");
    assert!(funding.starts_with("SPBE roadmap 2025-2029: pendanaan\nBiaya Rp 34,9 T; didanai Rp 30,7 T: Rp 15,5 T terkomitmen"), "{funding}");
    assert!(
        funding.contains("\nJUMLAH ") && funding.contains("Pagu terlampaui (!):"),
        "{funding}"
    );
    let regulations = run("regulations");
    assert!(
        regulations.contains("alur regulasi (per 1 Juni 2026)")
            && regulations.contains("\nDITETAPKAN ("),
        "{regulations}"
    );
    assert!(
        regulations
            .contains("menghambat: data-interoperability-bus (float 0 hari, kritis, terhambat)"),
        "{regulations}"
    );
    let talent = run("talent");
    assert!(
        talent.contains("PERAN")
            && talent.contains("TAHUN PUNCAK")
            && talent.contains("Puncak dan butir pendorongnya:"),
        "{talent}"
    );
    // English stays as it was.
    let (out, _, _) = stdout(peta().args(["funding", SAMPLE, "--today", TODAY]));
    assert!(
        out.starts_with("SPBE roadmap 2025-2029: funding\nCost Rp 34,9 T; funded Rp 30,7 T"),
        "{out}"
    );
}

#[test]
fn diff_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let old = std::fs::read_to_string(SAMPLE).unwrap();
    let new = old.replacen("\"end\": \"2026-09-30\"", "\"end\": \"2026-10-30\"", 1);
    assert_ne!(old, new);
    let new = write(dir.path(), "new.json", &new);
    let (out, err, code) = stdout(
        peta()
            .args(["diff", SAMPLE])
            .arg(&new)
            .args(["--today", TODAY, "--lang", "id"]),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Butir\n  ~ "), "{out}");
    assert!(
        out.contains("end: 2026-09-30 -> 2026-10-30 (30 hari lebih lambat)"),
        "{out}"
    );
    assert!(out.contains("Akibat\n  prakiraan selesai: "), "{out}");
}

#[test]
fn a_file_that_does_not_load_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(dir.path(), "broken.json", "{\"a\": ");
    let empty = write(dir.path(), "empty.json", "");
    let (out, _, code) = stdout(
        peta()
            .args(["check", "--lang", "id"])
            .arg(&broken)
            .arg(&empty),
    );
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!(
            "{}:1:6: JSON tidak sah: EOF while parsing a value\n\
             {}: berkas kosong; peta jalan adalah objek JSON\n\
             2 berkas diperiksa: 2 galat, 0 peringatan\n",
            broken.display(),
            empty.display()
        )
    );
}

const PORTFOLIO: &str = "roadmaps/national/portfolio.json";

/// A portfolio with a missing title, a member whose file is not there, a member id used twice
/// and an absolute path: every message, in both languages.
fn broken_portfolio(dir: &std::path::Path) -> std::path::PathBuf {
    std::fs::copy("roadmaps/national/komdigi.json", dir.join("komdigi.json")).unwrap();
    write(
        dir,
        "portfolio.json",
        r#"{"format": "peta-portfolio/1",
            "members": [{"id": "komdigi", "path": "komdigi.json"},
                        {"id": "komdigi", "path": "other.json"},
                        {"id": "jabar", "path": "/abs/jabar.json"},
                        {"id": "gone", "path": "gone.json"}]}"#,
    )
}

#[test]
fn portfolio_messages_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let file = broken_portfolio(dir.path());
    let name = file.display();
    let (out, _, code) = stdout(peta().args(["check", "--lang", "id"]).arg(&file));
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!(
            "{name}: title: tidak ada\n\
             {name}: anggota \"jabar\": path: \"/abs/jabar.json\" harus relatif terhadap folder berkas portofolio\n\
             {name}: anggota \"komdigi\": id: dipakai dua kali (members[0] dan members[1]); id anggota harus unik\n\
             1 berkas diperiksa: 3 galat, 0 peringatan\n"
        )
    );
    let (out, _, _) = stdout(peta().arg("check").arg(&file));
    assert_eq!(
        out,
        format!(
            "{name}: title: missing\n\
             {name}: member \"jabar\": path: \"/abs/jabar.json\" must be relative to the portfolio file's folder\n\
             {name}: member \"komdigi\": id: used twice (members[0] and members[1]); member ids must be unique\n\
             1 file checked: 3 errors, 0 warnings\n"
        )
    );
    // Once the file itself is sound, the members are read: a missing one is named in full.
    write(
        dir.path(),
        "portfolio.json",
        r#"{"format": "peta-portfolio/1", "title": "T",
            "members": [{"id": "komdigi", "path": "komdigi.json"},
                        {"id": "gone", "path": "gone.json"}]}"#,
    );
    let gone = dir.path().join("gone.json");
    let (out, err, code) = stdout(peta().args(["schedule", "--lang", "id"]).arg(&file));
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        format!(
            "{name}: anggota \"gone\": path: \"gone.json\": berkas tidak ada ({})\n",
            gone.display()
        )
    );
    let (_, err, _) = stdout(peta().arg("schedule").arg(&file));
    assert_eq!(
        err,
        format!(
            "{name}: member \"gone\": path: \"gone.json\": no such file ({})\n",
            gone.display()
        )
    );
}

#[test]
fn the_sample_portfolio_in_indonesian() {
    let (out, _, code) = stdout(peta().args(["check", PORTFOLIO, "--lang", "id"]));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "roadmaps/national/portfolio.json: portofolio \"National SPBE portfolio 2025-2029\": 4 anggota, 26 butir\n"
        ),
        "{out}"
    );
    let (out, _, _) =
        stdout(peta().args(["schedule", PORTFOLIO, "--today", TODAY, "--lang", "id"]));
    let table = out
        .split("\nAnggota National SPBE portfolio 2025-2029:\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no members table: {out}"));
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        ["ANGGOTA", "NAMA", "BUTIR", "KRITIS", "SELESAI", "TARGET"]
    );
    let komdigi = lines.next().unwrap();
    assert!(komdigi.starts_with("komdigi"), "{komdigi}");
    // Dates as the Indonesian schedule writes them in columns: `31 Des 2029`.
    assert!(komdigi.contains(" Des 2029"), "{komdigi}");
    assert!(!out.contains("MEMBER"), "{out}");
    // English is unchanged.
    let (out, _, _) = stdout(peta().args(["schedule", PORTFOLIO, "--today", TODAY]));
    assert!(out.contains("\nMembers of National SPBE portfolio 2025-2029:\nMEMBER"));
}

#[test]
fn file_commands_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.json");
    let (out, _, code) = stdout(
        peta()
            .args([
                "new", "--title", "Peta", "--from", "2025", "--to", "2026", "--lang", "id",
            ])
            .arg(&new),
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!("{}: \"Peta\" 2025-2026 dibuat\n", new.display())
    );
    let (_, err, code) = stdout(
        peta()
            .args([
                "new", "--title", "Peta", "--from", "2025", "--to", "2026", "--lang", "id",
            ])
            .arg(&new),
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!("{}: sudah ada; berkas itu tidak ditimpa\n", new.display())
    );
    let (_, err, _) = stdout(
        peta()
            .args(["new", "--title", "Peta", "--from", "2025", "--to", "2026"])
            .arg(&new),
    );
    assert_eq!(
        err,
        format!("{}: already exists; not overwriting it\n", new.display())
    );

    // Not canonical: spaces after the object.
    let text = std::fs::read_to_string(&new).unwrap();
    std::fs::write(&new, format!("{text}\n\n")).unwrap();
    let (out, _, code) = stdout(peta().args(["fmt", "--check", "--lang", "id"]).arg(&new));
    assert_eq!(
        (code, out),
        (
            1,
            format!("{}: tidak dalam bentuk kanonis\n", new.display())
        )
    );
    let (out, _, _) = stdout(peta().args(["fmt", "--check"]).arg(&new));
    assert_eq!(
        out,
        format!("{}: not in the canonical form\n", new.display())
    );
    let (out, _, code) = stdout(peta().args(["fmt", "--lang", "id"]).arg(&new));
    assert_eq!(
        (code, out),
        (
            0,
            format!("{}: dirapikan ke bentuk kanonis\n", new.display())
        )
    );

    let generated = dir.path().join("gen.json");
    let (out, _, code) = stdout(
        peta()
            .args([
                "generate", "--items", "10", "--seed", "1", "--lang", "id", "-o",
            ])
            .arg(&generated),
    );
    assert_eq!(code, 0);
    assert!(
        out.contains(": 10 butir dengan ")
            && out.contains(" ketergantungan dibangkitkan (seed 1)\n"),
        "{out}"
    );
}

#[test]
fn export_refusals_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bad.json", BROKEN);
    let name = file.display();
    let (out, err, code) = stdout(
        peta()
            .args(["export", "--format", "csv", "--lang", "id"])
            .arg(&file),
    );
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains(&format!(
            "{name}: butir \"a\": depends_on \"zz\": butir ini tidak ada\n"
        )),
        "{err}"
    );
    assert!(err.ends_with(&format!(
        "{name}: tidak diekspor: perbaiki dulu galat di atas (`peta check`), atau ekspor tanpa bagian yang rusak dengan --force\n"
    )), "{err}");
    let (_, err, code) = stdout(
        peta()
            .args(["export", "--format", "csv", "--force", "--lang", "id"])
            .arg(&file),
    );
    assert_eq!(code, 0);
    assert!(
        err.ends_with(&format!(
            "{name}: diekspor tanpa bagian yang rusak (--force)\n"
        )),
        "{err}"
    );
    let (_, err, _) = stdout(
        peta()
            .args(["export", "--format", "csv", "--force"])
            .arg(&file),
    );
    assert!(
        err.ends_with(&format!(
            "{name}: exported with the broken parts left out (--force)\n"
        )),
        "{err}"
    );
    let (_, err, code) =
        stdout(peta().args(["export", "--format", "csv", "--all", "--lang", "id", SAMPLE]));
    assert_eq!(
        (code, err.as_str()),
        (2, "peta export: --all hanya berlaku untuk --format ics\n")
    );
}

#[test]
fn a_long_cycle_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    // 20 items in one loop: i0 <- i19 <- ... <- i1 <- i0.
    let items: Vec<serde_json::Value> = (0..20)
        .map(|i| {
            common::item_json(
                &format!("i{i}"),
                "2025-01-01",
                "2025-01-10",
                &[&format!("i{}", (i + 1) % 20)],
            )
        })
        .collect();
    let file = common::write_json(
        dir.path(),
        "loop.json",
        &common::roadmap_json(serde_json::Value::Array(items)),
    );
    let (out, _, _) = stdout(peta().args(["check", "--lang", "id"]).arg(&file));
    assert!(out.contains(" -> ... 10 lagi ... -> "), "{out}");
    let (out, _, _) = stdout(peta().arg("check").arg(&file));
    assert!(out.contains(" -> ... 10 more ... -> "), "{out}");
}

#[test]
fn merge_report_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let base = common::roadmap_json(serde_json::json!([
        common::item_json("a", "2025-01-01", "2025-01-10", &[]),
        common::item_json("b", "2025-02-01", "2025-02-28", &["a"]),
    ]));
    let sides = common::three_sides(
        base,
        |v| v["items"][1]["end"] = serde_json::json!("2025-03-10"),
        |v| v["items"][1]["end"] = serde_json::json!("2025-03-20"),
    );
    let [b, o, t] = [
        common::write_json(dir.path(), "base.json", &sides[0]),
        common::write_json(dir.path(), "ours.json", &sides[1]),
        common::write_json(dir.path(), "theirs.json", &sides[2]),
    ];
    let run = |lang: &str| {
        stdout(
            peta()
                .args(["merge", "--lang", lang, "--name", "roadmap.json", "-o"])
                .arg(dir.path().join("out.json"))
                .args([&b, &o, &t]),
        )
    };
    let (_, err, code) = run("id");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "roadmap.json: konflik: butir \"b\": end: changed differently on both sides \
         (dasar \"2025-02-28\", milik kita \"2025-03-10\", milik mereka \"2025-03-20\")\n\
         roadmap.json: 1 konflik penggabungan dicatat di \"conflicts\"; `peta check` menampilkannya\n"
    );
    let (_, err, _) = run("en");
    assert_eq!(
        err,
        "roadmap.json: conflict: item \"b\": end: changed differently on both sides \
         (base \"2025-02-28\", ours \"2025-03-10\", theirs \"2025-03-20\")\n\
         roadmap.json: 1 merge conflict recorded in \"conflicts\"; `peta check` lists them\n"
    );
}

#[test]
fn git_setup_and_import_in_indonesian() {
    let (out, _, code) = stdout(peta().args(["git-setup", "--lang", "id"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("\n\n# git config (jalankan di repositori)\n"),
        "{out}"
    );
    let (out, _, _) = stdout(peta().args(["git-setup"]));
    assert!(
        out.contains("\n\n# git config (run in the repository)\n"),
        "{out}"
    );
    let (_, err, code) = stdout(peta().args(["git-setup", "--pattern", "a b", "--lang", "id"]));
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "peta git-setup: --pattern \"a b\" harus satu glob tanpa spasi\n"
        )
    );

    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("plan.csv");
    let (_, _, code) = stdout(
        peta()
            .args(["export", "--format", "csv", "-o"])
            .arg(&csv)
            .arg(SAMPLE),
    );
    assert_eq!(code, 0);
    let json = dir.path().join("plan.json");
    let (out, _, code) = stdout(
        peta()
            .args(["import", "--from", "csv", "--lang", "id"])
            .arg(&csv)
            .arg("-o")
            .arg(&json),
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "{}: 59 butir dalam 10 sektor diimpor dari {}\n",
            json.display(),
            csv.display()
        )
    );
    let empty = write(dir.path(), "empty.csv", "");
    let (_, err, code) = stdout(
        peta()
            .args(["import", "--from", "csv", "--lang", "id"])
            .arg(&empty)
            .arg("-o")
            .arg(dir.path().join("x.json")),
    );
    assert_eq!(code, 1);
    assert!(
        err.ends_with(&format!(
            "{}: tidak ada yang diimpor: 1 masalah\n",
            empty.display()
        )),
        "{err}"
    );
}

#[test]
fn summary_window_errors_in_indonesian() {
    let (_, err, code) = stdout(peta().args([
        "summary", SAMPLE, "--from", "2027", "--to", "2026", "--lang", "id",
    ]));
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "peta summary: --from 2027-01-01 lebih akhir dari --to 2026-12-31\n"
        )
    );
    let (_, err, code) = stdout(peta().args(["summary", SAMPLE, "--from", "26", "--lang", "id"]));
    assert_eq!(
        (code, err.as_str()),
        (2, "peta summary: --from: \"26\" bukan tanggal yang sah dalam bentuk YYYY-MM-DD dan bukan tahun YYYY\n")
    );
    let (_, err, _) = stdout(peta().args(["summary", SAMPLE, "--from", "26"]));
    assert_eq!(err, "peta summary: --from: \"26\" is neither a real date in the form YYYY-MM-DD nor a year YYYY\n");
}

#[test]
fn the_ui_refuses_a_broken_portfolio_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let file = broken_portfolio(dir.path());
    let (_, err, code) = stdout(peta().arg(&file).args(["--lang", "id"]));
    assert_eq!(code, 1);
    assert!(
        err.starts_with(&format!("{}: title: tidak ada\n", file.display())),
        "{err}"
    );
}

#[test]
fn a_baseline_or_diff_side_that_does_not_load_in_indonesian() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.json", "");
    let (_, err, code) = stdout(
        peta()
            .args([
                "summary",
                SAMPLE,
                "--today",
                TODAY,
                "--lang",
                "id",
                "--baseline",
            ])
            .arg(&empty),
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "peta summary: pembanding {}: berkas kosong; peta jalan adalah objek JSON\n",
            empty.display()
        )
    );
    let (_, err, code) = stdout(peta().args(["diff", "--lang", "id", SAMPLE]).arg(&empty));
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "{}: berkas kosong; peta jalan adalah objek JSON\n",
            empty.display()
        )
    );
}

#[test]
fn the_size_limit_in_indonesian() {
    let len = std::fs::metadata(SAMPLE).unwrap().len();
    let (out, _, code) = stdout(peta().args(["check", SAMPLE, "--max-size", "2K", "--lang", "id"]));
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!("{SAMPLE}: terlalu besar untuk dibuka: {len} byte, melebihi batas 2 KiB; naikkan batas dengan --max-size")),
        "{out}"
    );
    let (out, _, _) = stdout(peta().args(["check", SAMPLE, "--max-size", "2K"]));
    assert!(
        out.starts_with(&format!(
            "{SAMPLE}: too large to open: {len} bytes, over the limit of 2 KiB; raise the limit"
        )),
        "{out}"
    );
}
