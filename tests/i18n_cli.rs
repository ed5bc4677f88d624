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
